/**
 * The DHT inspector in the web UI, in a real Chromium against three real
 * daemons (A shares a file, B and C bootstrap from A): in C's Network view
 * the routing table lists A as a connected peer in its bucket with the
 * additions chart; a traced lookup of A's root shows as a waterfall with
 * its summary and the lookups export as schema-valid JSON; the keyspace
 * lays the root out by XOR distance; A's provider records show its own
 * record, with the share's name and an expiry. In C's Transfers view a
 * download nobody can serve gets a "Diagnose" button whose verdict says so.
 * axe finds nothing serious on the new panels, in both themes.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe } from 'node:test'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import type { Browser } from 'playwright-core'
import { shortPeerId, type LookupTraceExport } from '../../shared/index.js'
import { cleanupAll, dialAddr, randomFile, startDaemon, tempDir, uniqueNetwork, waitFor, type Daemon } from '../support/index.js'
import { traceSchemaErrors } from '../support/trace-schema.js'
import { seriousViolations } from './support/axe.js'
import { itemNamed, launchBrowser, openUi, showView, stepWithDiagnostics, type UiPage } from './support/ui.js'
import { shareAndWait } from '../../shared/index.js'

describe('web UI: the DHT inspector', { timeout: 240_000 }, () => {
  let a: Daemon
  let c: Daemon
  let browser: Browser
  let uiA: UiPage
  let uiC: UiPage
  let root: string
  const name = `inspected-${Date.now()}.bin`

  before(async () => {
    const network = uniqueNetwork()
    a = await startDaemon({ name: 'insp-a', network })
    await startDaemon({ name: 'insp-b', network, bootstrap: [dialAddr(a)] })
    c = await startDaemon({ name: 'insp-c', network, bootstrap: [dialAddr(a)], extraArgs: ['--download-dir', await tempDir('insp-c-dl')] })
    const file = await randomFile(await tempDir('insp-src'), 256 * 1024, name)
    // Public: the inspector traces and lists the root itself (a private share is announced under its locator).
    root = (await shareAndWait(a.client, file.path, { public: true })).root
    await waitFor(async () => (await a.client.dht({})).announced.some(x => x.lastAnnouncedAt != null), { what: 'A to announce its share', timeoutMs: 60_000, intervalMs: 250 })
    browser = await launchBrowser()
    uiA = await openUi(browser, a)
    uiC = await openUi(browser, c)
  })

  after(async () => { await cleanupAll() })

  const step = stepWithDiagnostics(() => [...(uiA?.problems ?? []), ...(uiC?.problems ?? [])])

  step('the routing table lists A in its bucket, connected, with shared bits, and the changes chart', async () => {
    const panel = await showView(uiC.page, 'Network')
    const section = panel.getByRole('region', { name: 'Routing table, peer by peer' })
    const row = section.getByRole('row').filter({ has: uiC.page.getByRole('rowheader', { name: shortPeerId(a.peerId) }) })
    await row.waitFor({ timeout: 30_000 })
    assert.match(await row.innerText(), /✓ yes/, 'A is connected')
    assert.match(await row.innerText(), /loopback/)
    assert.match(await row.innerText(), /js-libp2p/, 'its agent')
    assert.ok(await section.getByRole('meter').count() >= 1, 'each bucket shows its fill')
    assert.match(await section.getByRole('img').first().getAttribute('aria-label') ?? '', /Routing table changes over the last \d+ minutes: [1-9]\d* added/)
  })

  step('a traced lookup of the root shows as a waterfall with its summary, and the lookups export as schema-valid JSON', async () => {
    const panel = await showView(uiC.page, 'Network')
    const section = panel.getByRole('region', { name: 'Lookups' })
    await section.getByLabel('Root or PeerId').fill(root)
    await section.getByRole('button', { name: 'Trace' }).click()
    const waterfall = section.getByRole('table', { name: /^Requests of the lookup, \d+ ms in all$/ })
    await waterfall.waitFor({ timeout: 60_000 })
    assert.ok(await waterfall.getByRole('row').count() >= 2, 'at least one request row under the header')
    const summary = await section.getByRole('definition').allInnerTexts()
    assert.ok(summary.some(t => new RegExp(`^${shortPeerId(a.peerId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} after \\d+ ms, hop \\d+$`).test(t)), `the first provider is A: ${summary.join(' | ')}`)
    assert.ok(await section.getByRole('table', { name: 'Recent lookups' }).getByRole('row').count() >= 2)

    const [download] = await Promise.all([
      uiC.page.waitForEvent('download'),
      section.getByRole('button', { name: 'Export lookups as JSON' }).click()
    ])
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as LookupTraceExport
    assert.deepEqual(traceSchemaErrors(exported), [])
    assert.ok(exported.traces.some(t => t.target === root && t.cause === 'trace'))
  })

  step('the keyspace lays out the root by XOR distance, the closest peers marked', async () => {
    const panel = await showView(uiC.page, 'Network')
    const section = panel.getByRole('region', { name: 'Keyspace' })
    await section.getByLabel(/^Key \(root or PeerId/).fill(root)
    await section.getByRole('button', { name: 'Show' }).click()
    const plot = section.getByRole('img', { name: new RegExp(`around root ${root}`) })
    await plot.waitFor({ timeout: 20_000 })
    assert.match(await plot.getAttribute('aria-label') ?? '', /the [1-9]\d* closest peers this node knows are filled/)
  })

  step("A's provider records show its own, with the share's name and an expiry", async () => {
    const panel = await showView(uiA.page, 'Network')
    const table = panel.getByRole('table', { name: 'Provider records with expiry' })
    const row = table.getByRole('row').filter({ has: uiA.page.getByRole('rowheader', { name }) })
    await row.waitFor({ timeout: 20_000 })
    assert.match(await row.innerText(), /\(this node\)/)
    assert.match(await row.innerText(), /in \d+(\.\d)? h/)
  })

  step('the Network view with the inspector passes axe in the light and the dark theme', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await uiC.page.emulateMedia({ colorScheme: scheme })
      await showView(uiC.page, 'Network')
      assert.deepEqual(await seriousViolations(uiC.page), [], `${scheme} theme`)
    }
    await uiC.page.emulateMedia({ colorScheme: 'light' })
  })

  step('a download nobody serves gets "Diagnose", whose verdict says nobody provides it', async () => {
    const nowhere = CID.createV1(raw.code, await sha256.digest(new TextEncoder().encode(`nobody has this ${Date.now()}`))).toString()
    await c.client.download({ link: nowhere })
    // Started through the API, as a script would; the page reads the downloads afresh.
    await uiC.page.reload()
    await uiC.page.getByRole('tablist', { name: 'Views' }).waitFor()
    const panel = await showView(uiC.page, 'Transfers')
    const item = itemNamed(panel, 'Downloads', nowhere)
    await item.getByRole('button', { name: 'Diagnose' }).click({ timeout: 30_000 })
    const steps = item.getByRole('list', { name: 'Diagnosis steps' })
    await steps.waitFor({ timeout: 60_000 })
    assert.match(await steps.innerText(), /Is the root announced in the DHT\? ✗ failed in \d+ ms\. No provider record was found/)
    assert.match(await item.innerText(), /Verdict: Nobody provides this share/)
    assert.deepEqual(await seriousViolations(uiC.page), [], 'the diagnosis passes axe')
  })
})
