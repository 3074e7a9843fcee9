/**
 * The web UI telling the truth as things change under it, in a real
 * Chromium against real daemons: the Download card's "Downloading X." goes
 * once that download is done, paused, cancelled, or the node stops; a
 * download whose sharer went away falls to zero speed and says what it
 * waits for; a
 * finished download whose file was deleted says so and is fetched again by
 * Download; a share whose file was deleted shows missing and can be
 * removed; and a bare root looked up on a node with no connections is not
 * called a bad link.
 */
import assert from 'node:assert/strict'
import { access, rm } from 'node:fs/promises'
import { after, before, describe } from 'node:test'
import type { Locator, Page } from 'playwright-core'
import { formatLink } from '../../shared/index.js'
import {
  MiB, cleanupAll, dialAddr, randomFile, sha256File, startDaemon, tempDir, uniqueNetwork, waitFor, type Daemon
} from '../support/index.js'
import { itemNamed, launchBrowser, openUi, showView, stepWithDiagnostics, type UiPage } from './support/ui.js'

/** The Download card of the Transfers view, and its status line. */
async function downloadCard (page: Page): Promise<{ card: Locator, line: Locator }> {
  const panel = await showView(page, 'Transfers')
  const card = panel.getByRole('region', { name: 'Download', exact: true })
  return { card, line: card.getByRole('status') }
}

/** Looks a link up in the Download card and presses Download. */
async function lookUpAndDownload (page: Page, link: string): Promise<void> {
  const { card } = await downloadCard(page)
  await card.getByLabel('Link or root').fill(link)
  await card.getByRole('button', { name: 'Look up', exact: true }).click()
  await card.getByRole('button', { name: 'Download', exact: true }).click({ timeout: 60_000 })
}

/** Waits until a download's state, as its progress bar tells it, is `label`. */
async function stateIs (item: Locator, label: string, timeoutMs = 60_000): Promise<void> {
  const bar = item.getByRole('progressbar')
  await waitFor(async () => (await bar.getAttribute('aria-valuetext'))?.endsWith(`, ${label}`), { what: `the download to say ${label}`, timeoutMs, intervalMs: 200, diagnose: async () => await bar.getAttribute('aria-valuetext') })
}

/** Waits until the card's status line reads `text`. */
async function lineReads (line: Locator, text: string, what: string): Promise<void> {
  await waitFor(async () => (await line.innerText()).trim() === text, { what, timeoutMs: 30_000, intervalMs: 200, diagnose: async () => await line.innerText() })
}

describe('web UI: states that change under it', { timeout: 300_000 }, () => {
  let a: Daemon
  let b: Daemon
  let lonely: Daemon
  let ui: { a: UiPage, b: UiPage, lonely: UiPage }
  const files: Record<'quick' | 'slow' | 'gone' | 'last', { path: string, sha256: string, size: number }> = {} as never
  const links: Record<string, string> = {}

  before(async () => {
    const network = uniqueNetwork()
    const src = await tempDir('everyday-src')
    for (const [key, size] of [['quick', MiB], ['slow', 3 * MiB], ['gone', MiB], ['last', 3 * MiB]] as const) {
      files[key] = await randomFile(src, size, `${key}-${Date.now()}.bin`)
    }
    a = await startDaemon({ name: 'ui-a', network })
    b = await startDaemon({ name: 'ui-b', network, bootstrap: [dialAddr(a)], extraArgs: ['--download-dir', await tempDir('everyday-b-dl')] })
    lonely = await startDaemon({ name: 'ui-lonely', network: uniqueNetwork() })
    for (const key of ['quick', 'slow', 'gone', 'last'] as const) links[key] = (await a.client.share({ path: files[key].path })).link
    const browser = await launchBrowser()
    ui = { a: await openUi(browser, a), b: await openUi(browser, b), lonely: await openUi(browser, lonely) }
  })

  after(async () => {
    await cleanupAll()
  })

  const step = stepWithDiagnostics(() => Object.entries(ui ?? {}).flatMap(([k, u]) => u.problems.map(p => `${k} ${p}`)))
  const nameOf = (key: keyof typeof files): string => files[key].path.split('/').at(-1)!

  step('"Downloading X." goes once the download is done', async () => {
    await lookUpAndDownload(ui.b.page, links.quick)
    const { line } = await downloadCard(ui.b.page)
    await stateIs(itemNamed(ui.b.page, 'Downloads', nameOf('quick')), 'Done')
    await lineReads(line, '', 'the status line to clear once the download is done')
  })

  step('a done download whose file was deleted says so, and Download fetches it again', async () => {
    const [done] = (await b.client.transfers({})).filter(t => t.name === nameOf('quick'))
    await rm(done.path!)
    const item = itemNamed(ui.b.page, 'Downloads', nameOf('quick'))
    await stateIs(item, 'File missing', 15_000)
    assert.match(await item.innerText(), /is no longer there \(deleted or moved\)\. Look the link up again and press Download/)
    await lookUpAndDownload(ui.b.page, links.quick)
    await stateIs(item, 'Done')
    assert.equal(await sha256File(done.path!), files.quick.sha256, 'the file is back, byte for byte')
  })

  step('"Downloading X." goes once the download is paused, and once it is cancelled', async () => {
    await b.client.updateSettings({ downloadLimit: 256 * 1024 })
    await lookUpAndDownload(ui.b.page, links.slow)
    const { line } = await downloadCard(ui.b.page)
    await lineReads(line, `Downloading ${nameOf('slow')}.`, 'the line to name the download')
    const item = itemNamed(ui.b.page, 'Downloads', nameOf('slow'))
    await item.getByRole('button', { name: 'Pause', exact: true }).click()
    await lineReads(line, '', 'the status line to clear once the download is paused')
    await item.getByRole('button', { name: 'Resume', exact: true }).click()
    await lineReads(line, `Downloading ${nameOf('slow')}.`, 'the line to come back while it runs again')
    await item.getByRole('button', { name: 'Cancel', exact: true }).click()
    await item.getByRole('button', { name: 'Yes, cancel the download' }).click()
    await item.waitFor({ state: 'detached' })
    await lineReads(line, '', 'the status line to clear once the download is cancelled')
  })

  step('a shared file deleted shows missing in the sharer\'s UI, and the share can be removed', async () => {
    await rm(files.gone.path)
    const panel = await showView(ui.a.page, 'Share')
    const item = itemNamed(panel, 'Shares', nameOf('gone'))
    await item.getByText(/^\W*Missing$/).waitFor({ timeout: 15_000 })
    assert.match(await item.innerText(), /is no longer there \(deleted or moved\), so it is not served or announced/)
    await item.getByRole('button', { name: 'Remove', exact: true }).click()
    await item.waitFor({ state: 'detached' })
  })

  step('a bare root on a node with no connections: "Not connected", not a bad link', async () => {
    const { card } = await downloadCard(ui.lonely.page)
    await card.getByLabel('Link or root').fill(formatLink({ root: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', name: 'holiday.mp4', peers: [] }))
    await card.getByRole('button', { name: 'Look up', exact: true }).click()
    const alert = card.getByRole('alert')
    await alert.waitFor({ timeout: 20_000 })
    const text = await alert.innerText()
    assert.match(text, /^\W*Not connected: This node has no connections, so it cannot ask anyone for "holiday\.mp4"/)
    assert.doesNotMatch(text, /Cannot use this link/)
  })

  step('a download whose sharer went away says, in words, that it waits for a source and why', async () => {
    await lookUpAndDownload(ui.b.page, links.last)
    const { line } = await downloadCard(ui.b.page)
    await lineReads(line, `Downloading ${nameOf('last')}.`, 'the line to name the download')
    const item = itemNamed(ui.b.page, 'Downloads', nameOf('last'))
    await waitFor(async () => Number(await item.getByRole('progressbar').getAttribute('aria-valuenow')) > 0, { what: 'some progress first', timeoutMs: 30_000 })
    await a.stop()
    await stateIs(item, 'Waiting for a source', 30_000)
    const text = await item.innerText()
    assert.match(text, /Waiting for a source: chunks \d+–\d+ \(\d+ of 3\) are missing, and no peer that has them is connected\. A peer last sent a chunk at .+\. It goes on by itself/)
    assert.match(text, /Speed\s+0 B\/s/, 'the speed has fallen to zero')
    assert.match(text, /Time left\s+--:--/, 'no time left is claimed')
  })

  step('"Downloading X." goes once the node stops', async () => {
    const { line } = await downloadCard(ui.b.page)
    await lineReads(line, `Downloading ${nameOf('last')}.`, 'the line still names the waiting download')
    await b.stop()
    await lineReads(line, '', 'the status line to clear once the node has stopped')
  })

  step('the browsers saw no script errors', async () => {
    // Lookups that find nobody answer 503 on purpose, and a stopped node refuses the page's requests; the browser logs each.
    const errors = Object.values(ui).flatMap(u => u.problems).filter(p => !/Failed to load resource|ERR_CONNECTION_REFUSED|WebSocket/.test(p))
    assert.deepEqual(errors, [])
    await assert.rejects(access(files.gone.path), 'the deleted file stayed deleted')
  })
})
