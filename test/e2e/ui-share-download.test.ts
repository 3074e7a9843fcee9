/**
 * End to end through the web UI, as a person would use it: two real
 * daemons in their own processes on a private DHT, each with its UI open in
 * a real Chromium. In A's UI a random file is shared by path and its link
 * copied; in B's UI the link is pasted, looked up and downloaded (paused
 * and resumed on the way, under a download cap set in B's Settings, which
 * marks B's command-line options and saves only the cap), and
 * the bytes on B's disk are checked against the original. Along the way:
 * B's Peers view shows A, the Network view shows a routing table, a bad
 * link gets a clear error, and every view passes axe's WCAG 2 A/AA checks.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe } from 'node:test'
import type { Browser, Locator, Page } from 'playwright-core'
import { profilePath } from '../../electron/core/index.js'
import { shortPeerId } from '../../shared/index.js'
import {
  MiB, cleanupAll, dialAddr, randomFile, sha256File, startDaemon, tempDir, uniqueNetwork, waitFor,
  type Daemon
} from '../support/index.js'
import { seriousViolations } from './support/axe.js'
import { itemNamed, launchBrowser, openUi, shareByPath, showView, stepWithDiagnostics, type UiPage } from './support/ui.js'

const VIEWS = ['Share', 'Transfers', 'Devices', 'Peers', 'Network', 'Settings'] as const
/** Slow enough that a pause lands mid-transfer: 5 MiB at 512 KiB/s is about ten seconds. */
const FILE_SIZE = 5 * MiB

describe('web UI: share in one browser, download in another', { timeout: 240_000 }, () => {
  let a: Daemon
  let b: Daemon
  let browser: Browser
  let uiA: UiPage
  let uiB: UiPage
  let original: { path: string, sha256: string, size: number }
  let link: string
  const name = `ui-e2e-${Date.now()}.bin`

  before(async () => {
    const network = uniqueNetwork()
    const src = await tempDir('ui-src')
    original = await randomFile(src, FILE_SIZE, name)
    a = await startDaemon({ name: 'ui-a', network, extraArgs: ['--download-dir', await tempDir('ui-a-dl')] })
    b = await startDaemon({ name: 'ui-b', network, bootstrap: [dialAddr(a)], extraArgs: ['--download-dir', await tempDir('ui-b-dl')] })
    browser = await launchBrowser()
    uiA = await openUi(browser, a)
    uiB = await openUi(browser, b)
  })

  after(async () => {
    await cleanupAll()
  })

  const step = stepWithDiagnostics(() => [...(uiA?.problems ?? []).map(p => `A ${p}`), ...(uiB?.problems ?? []).map(p => `B ${p}`)])

  step('keeps the token out of the address bar', async () => {
    for (const ui of [uiA, uiB]) assert.doesNotMatch(ui.page.url(), /token/)
  })

  step('without the token, the page says which address to open, and how to open it again while the node runs', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(`${a.api}/`)
      await page.getByRole('heading', { name: 'Open the address PeerShare printed' }).waitFor()
      const text = await page.locator('body').innerText()
      assert.match(text, /peershare daemon/)
      // The page is served by a running node: starting another (`daemon --open`) would fail; `peershare ui` reopens this one.
      assert.match(text, /peershare ui --profile DIR --open/)
      assert.doesNotMatch(text, /daemon --open/)
    } finally {
      await context.close()
    }
  })

  step('the view tabs move with the arrow keys, Home and End', async () => {
    const { page } = uiA
    await page.getByRole('tab', { name: 'Share', exact: true }).click()
    await page.keyboard.press('ArrowRight')
    assert.equal(await page.getByRole('tab', { name: 'Transfers', exact: true }).getAttribute('aria-selected'), 'true')
    await page.keyboard.press('End')
    assert.equal(await page.getByRole('tab', { name: 'Settings', exact: true }).getAttribute('aria-selected'), 'true')
    await page.keyboard.press('ArrowRight')
    assert.equal(await page.getByRole('tab', { name: 'Share', exact: true }).getAttribute('aria-selected'), 'true')
    assert.equal(await page.evaluate('document.activeElement.getAttribute("role")'), 'tab')
  })

  step('A shares a file by path and its link can be copied', async () => {
    const item = await shareByPath(uiA.page, original.path, name)
    await item.getByRole('button', { name: 'Copy', exact: true }).click()
    await item.getByRole('status').filter({ hasText: 'Copied' }).waitFor({ timeout: 5_000 })
    const shown = await item.getByLabel('Link', { exact: true }).inputValue()
    const copied = await uiA.page.evaluate('navigator.clipboard.readText()') as string
    assert.equal(copied, shown)
    assert.match(copied, /^peershare:\/\/b[a-z2-7]+\?name=/)
    link = copied
    await item.getByRole('button', { name: 'QR code' }).click()
    await item.getByRole('img', { name: `QR code of the link to ${name}` }).waitFor()
  })

  step('B sets a download cap in Settings; it applies at once, and only it is saved', async () => {
    const panel = await showView(uiB.page, 'Settings')
    // B runs with --listen, --bootstrap, --no-mdns and --download-dir: the form says so, field by field.
    const mdns = panel.getByRole('checkbox', { name: /mDNS/ })
    assert.equal(await mdns.isChecked(), true, 'the box shows the saved setting')
    assert.match(await describedBy(uiB.page, mdns), /This run uses mDNS off, given on the command line/)
    assert.match(await describedBy(uiB.page, panel.getByLabel('Listen port')), /This run uses \/ip4\/127\.0\.0\.1\/tcp\/0, given on the command line/)
    assert.match(await describedBy(uiB.page, panel.getByLabel('Download folder')), /given on the command line for this run only/)

    await panel.getByLabel('Download limit', { exact: true }).fill('512')
    await panel.getByLabel('Download limit unit').selectOption('KiB/s')
    await panel.getByRole('button', { name: 'Save settings' }).click()
    await panel.getByRole('status').filter({ hasText: 'Saved' }).waitFor()
    assert.equal((await b.client.settings({})).downloadLimit, 512 * 1024)
    const saved = JSON.parse(await readFile(profilePath(b.profileDir, 'settings'), 'utf8')) as unknown
    assert.deepEqual(saved, { downloadLimit: 512 * 1024 }, 'the command line\'s values stay out of settings.json')
  })

  step('a bad link gets a clear error', async () => {
    const panel = await showView(uiB.page, 'Transfers')
    await panel.getByLabel('Link or root').fill('https://example.com/not-a-share')
    await panel.getByRole('button', { name: 'Look up', exact: true }).click()
    const alert = panel.getByRole('alert')
    await alert.waitFor()
    assert.match(await alert.innerText(), /Not a PeerShare link/)
  })

  step('B looks the link up, downloads, pauses and resumes', async () => {
    const panel = await showView(uiB.page, 'Transfers')
    await panel.getByLabel('Link or root').fill(link)
    await panel.getByRole('button', { name: 'Look up', exact: true }).click()
    await panel.getByRole('checkbox', { name: new RegExp(escapeRegExp(name)) }).waitFor({ timeout: 60_000 })
    assert.equal(await panel.getByRole('checkbox', { name: new RegExp(escapeRegExp(name)) }).isChecked(), true)
    await panel.getByRole('button', { name: 'Download', exact: true }).click()

    const item = itemNamed(panel, 'Downloads', name)
    const bar = item.getByRole('progressbar', { name })
    await bar.waitFor()
    await item.getByRole('button', { name: 'Pause', exact: true }).click()
    await waitFor(async () => (await bar.getAttribute('aria-valuetext'))?.endsWith('Paused'), { what: 'the progress bar to say Paused', timeoutMs: 15_000 })
    await item.getByText(/^\W*Paused$/).waitFor()
    const held = Number(await bar.getAttribute('aria-valuenow'))
    assert.ok(held < 100, `paused at ${held}%: the transfer finished before it could be paused`)
    await uiB.page.waitForTimeout(2_000)
    assert.equal(Number(await bar.getAttribute('aria-valuenow')), held, 'progress moved while paused')
    assert.equal((await b.client.transfers({}))[0]?.state, 'paused')

    await item.getByRole('button', { name: 'Resume', exact: true }).click()
    await waitFor(async () => await bar.getAttribute('aria-valuenow') === '100' && (await bar.getAttribute('aria-valuetext'))?.endsWith('Done'), {
      what: 'the download to reach Done at 100%',
      timeoutMs: 120_000,
      intervalMs: 500,
      diagnose: async () => await b.client.transfers({})
    })
  })

  step('the bytes on B\'s disk are the original\'s', async () => {
    const [done] = (await b.client.transfers({})).filter(t => t.name === name)
    assert.equal(done?.state, 'done')
    assert.ok(done.path != null)
    assert.equal(await sha256File(done.path), original.sha256)
    const item = itemNamed(uiB.page, 'Downloads', name)
    assert.match(await item.innerText(), new RegExp(escapeRegExp(done.path)))
  })

  step('B\'s Peers view shows A', async () => {
    const panel = await showView(uiB.page, 'Peers')
    await panel.getByRole('rowheader').filter({ hasText: shortPeerId(a.peerId) }).waitFor()
  })

  step('the Network view shows a non-empty routing table', async () => {
    const panel = await showView(uiB.page, 'Network')
    const row = panel.getByRole('row', { name: /Routing table/ })
    await waitFor(async () => /^[1-9]\d* peers?/.test((await row.getByRole('cell').innerText()).trim()), {
      what: 'a routing table with at least one peer',
      timeoutMs: 30_000,
      diagnose: async () => await row.innerText()
    })
    await panel.getByRole('img', { name: /Routing table: [1-9]/ }).waitFor()
    await panel.getByRole('img', { name: /Bandwidth/ }).waitFor()
  })

  step('every view passes axe (WCAG 2 A/AA, nothing serious or critical), in the light theme (A) and the dark one (B)', async () => {
    // B's system asks for dark; the UI's 'system' theme follows it.
    await uiB.page.emulateMedia({ colorScheme: 'dark' })
    await uiB.page.locator('html[data-theme="dark"]').waitFor({ state: 'attached', timeout: 5_000 })
    assert.equal(await uiA.page.locator('html').getAttribute('data-theme'), 'light')
    const found: string[] = []
    for (const [label, page] of [['A (light)', uiA.page], ['B (dark)', uiB.page]] as Array<[string, Page]>) {
      for (const view of VIEWS) {
        await showView(page, view)
        await settle(page.getByRole('tabpanel', { name: view, exact: true }))
        for (const v of await seriousViolations(page)) found.push(`${label} ${view}: ${v}`)
      }
    }
    assert.deepEqual(found, [])
  })

  step('the browsers saw no script errors', async () => {
    // The bad link's lookup answers 400 on purpose; the browser logs any failed request.
    const errors = [...uiA.problems, ...uiB.problems].filter(p => !/Failed to load resource: .* 400 \(Bad Request\)/.test(p))
    assert.deepEqual(errors, [])
  })
})

/** Lets a view finish its first render (charts draw on the next frame). */
async function settle (panel: Locator): Promise<void> {
  await panel.waitFor()
  await panel.page().waitForTimeout(300)
}

function escapeRegExp (text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The text of the elements that describe a control (its hints and notes), as a screen reader reads them. */
async function describedBy (page: Page, control: Locator): Promise<string> {
  const ids = (await control.getAttribute('aria-describedby')) ?? ''
  const texts = await Promise.all(ids.split(' ').filter(id => id !== '').map(async id => await page.locator(`[id="${id}"]`).innerText()))
  return texts.join(' ')
}
