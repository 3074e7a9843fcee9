/**
 * "Send to" end to end through the web UI, as two people would do it: two
 * real daemons in their own processes, each with its UI open in a real
 * Chromium. B's UI shows a pairing code and link; A's UI pastes the link and
 * pairs; then in A's Devices view a file is sent to B by name, B's Devices
 * view shows the offer, Accept downloads it, and the bytes on B's disk are
 * checked against the original. The Devices view passes axe's WCAG 2 A/AA
 * checks with an offer waiting.
 */
import assert from 'node:assert/strict'
import { after, before, describe } from 'node:test'
import type { Browser } from 'playwright-core'
import {
  MiB, cleanupAll, dialAddr, randomFile, sha256File, startDaemon, tempDir, uniqueNetwork, waitFor, waitForTransfer,
  type Daemon
} from '../support/index.js'
import { seriousViolations } from './support/axe.js'
import { launchBrowser, openUi, showView, stepWithDiagnostics, type UiPage } from './support/ui.js'

describe('web UI: send to a device, accept on the other', { timeout: 180_000 }, () => {
  let a: Daemon
  let b: Daemon
  let browser: Browser
  let uiA: UiPage
  let uiB: UiPage
  let original: { path: string, sha256: string, size: number }

  before(async () => {
    const network = uniqueNetwork()
    original = await randomFile(await tempDir('send-src'), 3 * MiB, 'for-bea.bin')
    a = await startDaemon({ name: 'send-a', network, extraArgs: ['--device-name', 'Anna laptop', '--download-dir', await tempDir('send-a-dl')] })
    b = await startDaemon({ name: 'send-b', network, bootstrap: [dialAddr(a)], extraArgs: ['--device-name', 'Bea desktop', '--download-dir', await tempDir('send-b-dl')] })
    browser = await launchBrowser()
    uiA = await openUi(browser, a)
    uiB = await openUi(browser, b)
  })

  after(async () => {
    await cleanupAll()
  })

  const step = stepWithDiagnostics(() => [...(uiA?.problems ?? []).map(p => `A ${p}`), ...(uiB?.problems ?? []).map(p => `B ${p}`)])

  step('B shows a pairing link; A pastes it and the two are paired, each listing the other by name', async () => {
    const panelB = await showView(uiB.page, 'Devices')
    await panelB.getByRole('button', { name: 'Show a pairing code', exact: true }).click()
    const link = await panelB.getByLabel('Pairing link', { exact: true }).inputValue()
    assert.match(link, /^peershare-pair:\/\/.*#code=\d{8}$/)

    const panelA = await showView(uiA.page, 'Devices')
    await panelA.getByLabel('Pairing link from another device').fill(link)
    await panelA.getByRole('button', { name: 'Pair', exact: true }).last().click()
    await panelA.getByText('Paired with Bea desktop.').waitFor()
    await panelA.getByRole('heading', { name: 'Bea desktop', exact: true }).waitFor()
    await panelB.getByRole('heading', { name: 'Anna laptop', exact: true }).waitFor({ timeout: 10_000 })
  })

  step('A sends a file to Bea desktop from the Devices view', async () => {
    const panelA = await showView(uiA.page, 'Devices')
    await panelA.getByLabel('Send to Bea desktop').fill(original.path)
    await panelA.getByRole('button', { name: 'Send', exact: true }).click()
    await panelA.getByText(/Offered for-bea\.bin to Bea desktop/).waitFor({ timeout: 60_000 })
  })

  step('B sees the offer (who, what, how big), which passes the accessibility checks, and accepts it; the file arrives intact', async () => {
    const panelB = await showView(uiB.page, 'Devices')
    const offer = panelB.getByRole('article').filter({ hasText: 'Anna laptop offers for-bea.bin' })
    await offer.waitFor({ timeout: 20_000 })
    assert.match(await offer.innerText(), /3(\.0)? MiB/)
    assert.match(await uiB.page.getByRole('tab', { name: 'Devices', exact: true }).innerText(), /1 offered/)
    assert.deepEqual(await seriousViolations(uiB.page), [])
    await offer.getByRole('button', { name: 'Accept', exact: true }).click()
    await offer.waitFor({ state: 'detached', timeout: 10_000 })
    const transfer = await waitFor(async () => (await b.client.transfers({})).find(t => t.name === 'for-bea.bin'), { what: 'the accepted download to start', timeoutMs: 10_000 })
    const done = await waitForTransfer(b, transfer.id, { until: 'done', timeoutMs: 60_000 })
    assert.equal(await sha256File(done.path!), original.sha256)
    await showView(uiB.page, 'Transfers')
    await uiB.page.getByRole('heading', { name: 'for-bea.bin', exact: true }).waitFor()
  })

  step('the browsers saw no script errors', async () => {
    assert.deepEqual([...uiA.problems, ...uiB.problems], [])
  })
})
