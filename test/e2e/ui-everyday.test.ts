/**
 * Everyday use of the web UI (issue 12, items 11, 12, 14 and 15), in a real
 * Chromium against two real daemons: A shares from its home folder through
 * the node's file chooser (keyboard only) and through path completion; a
 * relative path is refused in plain words; B downloads A's share from the
 * short link in its QR code, sees how long it took and how fast, opens its
 * folder from the browser, takes it off the list with the file kept, and
 * is asked before a download is cancelled. A's Network view names its
 * shares, speaks one unit per chart and explains the routing table. At
 * 560 px wide every tab is in view and nothing runs off the side, the
 * Peers table included; axe finds nothing serious on the changed views.
 */
import assert from 'node:assert/strict'
import { access, mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { after, before, describe } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { compactLink, parseLink, type ShareView, type TransferView } from '../../shared/index.js'
import {
  MiB, cleanupAll, dialAddr, openerStandIn, randomFile, sha256File, startDaemon, tempDir, uniqueNetwork, waitFor,
  type Daemon, type OpenerStandIn
} from '../support/index.js'
import { seriousViolations } from './support/axe.js'
import { itemNamed, launchBrowser, openUi, showView, stepWithDiagnostics, type UiPage } from './support/ui.js'
import { shareAndWait } from '../../shared/index.js'

describe('web UI: everyday use', { timeout: 300_000 }, () => {
  let a: Daemon
  let b: Daemon
  let browser: Browser
  let uiA: UiPage
  let uiB: UiPage
  let home: string
  let opener: OpenerStandIn
  let holiday: { path: string, sha256: string }
  let big: { path: string }

  before(async () => {
    const network = uniqueNetwork()
    home = await tempDir('ui-home')
    await mkdir(join(home, 'Videos'))
    holiday = await randomFile(join(home, 'Videos'), 2 * MiB + 5, 'holiday.mp4')
    await randomFile(join(home, 'Videos'), 64 * 1024, 'clip.mp4')
    big = await randomFile(await tempDir('ui-big'), 12 * MiB, 'big.bin')
    opener = await openerStandIn()
    a = await startDaemon({ name: 'ui-a', network, env: { HOME: home }, extraArgs: ['--download-dir', await tempDir('ui-a-dl')] })
    b = await startDaemon({ name: 'ui-b', network, bootstrap: [dialAddr(a)], env: opener.env, extraArgs: ['--download-dir', await tempDir('ui-b-dl')] })
    browser = await launchBrowser()
    uiA = await openUi(browser, a)
    uiB = await openUi(browser, b)
  })

  after(cleanupAll)

  // Each step sets up what it needs through the API, so that it stands or falls on its own.

  /** A's share of holiday.mp4, shared through the API when the chooser step did not. */
  async function holidayShare (): Promise<ShareView> {
    return (await a.client.shares({})).find(s => s.name === 'holiday.mp4') ?? await shareAndWait(a.client, holiday.path)
  }

  /** B's finished download of holiday.mp4, fetched through the API when the UI step did not. */
  async function holidayOnB (): Promise<TransferView> {
    const share = await holidayShare()
    if ((await b.client.transfers({})).find(t => t.root === share.root) == null) await b.client.download({ link: share.link })
    return await waitFor(async () => (await b.client.transfers({})).find(t => t.root === share.root && t.state === 'done'), { what: 'holiday.mp4 on B', timeoutMs: 60_000 })
  }

  const step = stepWithDiagnostics(() => [...(uiA?.problems ?? []).map(p => `A ${p}`), ...(uiB?.problems ?? []).map(p => `B ${p}`)])

  step('the node\'s file chooser shares a file from the home folder, with the keyboard alone', async () => {
    const { page } = uiA
    const panel = await showView(page, 'Share')
    await panel.getByRole('button', { name: 'Browse…' }).focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Choose what to share' })
    await dialog.waitFor()
    await dialog.getByRole('list', { name: `Contents of ${home}` }).waitFor()
    assert.equal(await focusedText(page), '📁 Videos/', 'the first entry has the focus')
    const violations = await seriousViolations(page)
    assert.deepEqual(violations, [], 'the chooser passes axe')
    await page.keyboard.press('Enter')
    await dialog.getByRole('list', { name: `Contents of ${join(home, 'Videos')}` }).waitFor()
    assert.equal(await focusedText(page), '📄 clip.mp4')
    await page.keyboard.press('Tab')
    assert.equal(await focusedText(page), '📄 holiday.mp4')
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })
    await itemNamed(panel, 'Shares', 'holiday.mp4').waitFor({ timeout: 60_000 })
    assert.deepEqual((await a.client.shares({})).map(s => s.path), [holiday.path])
  })

  step('"Path to share" completes from the node as it is typed, ~ included', async () => {
    const { page } = uiA
    const panel = await showView(page, 'Share')
    const field = panel.getByRole('combobox', { name: 'Path to share' })
    await field.fill('~/Vi')
    const suggestions = panel.getByRole('listbox', { name: 'Suggested paths' })
    await suggestions.getByRole('option', { name: 'Videos/' }).waitFor()
    await field.press('ArrowDown')
    await field.press('Enter')
    assert.equal(await field.inputValue(), `${join(home, 'Videos')}/`)
    await suggestions.getByRole('option', { name: /^clip\.mp4/ }).waitFor()
    await field.press('ArrowDown')
    assert.equal(await field.getAttribute('aria-activedescendant'), await suggestions.getByRole('option', { name: /^clip\.mp4/ }).getAttribute('id'))
    await field.press('Enter')
    assert.equal(await field.inputValue(), join(home, 'Videos', 'clip.mp4'))
    await field.press('Enter')
    await itemNamed(panel, 'Shares', 'clip.mp4').waitFor({ timeout: 60_000 })
  })

  step('a relative path is refused in plain words, naming it once, and nothing is shared', async () => {
    const panel = await showView(uiA.page, 'Share')
    const before = (await a.client.shares({})).length
    await panel.getByLabel('Path to share').fill('Videos/holiday.mp4')
    await panel.getByRole('button', { name: 'Share', exact: true }).click()
    const alert = panel.getByRole('alert')
    await alert.waitFor()
    const text = await alert.innerText()
    assert.match(text, /"Videos\/holiday\.mp4" is not a full path, and PeerShare cannot tell which folder it is relative to\. Give the whole path, starting with \/ \(or ~\/ for your home folder\)\./)
    assert.equal(text.split('Videos/holiday.mp4').length, 2, `the path is named once: ${text}`)
    assert.equal((await a.client.shares({})).length, before)
  })

  step('the QR code holds a short link: the root and one address', async () => {
    await holidayShare()
    const item = itemNamed(await showView(uiA.page, 'Share'), 'Shares', 'holiday.mp4')
    const full = await item.getByLabel('Link', { exact: true }).inputValue()
    await item.getByRole('button', { name: 'QR code' }).click()
    await item.getByRole('img', { name: 'QR code of the link to holiday.mp4' }).waitFor()
    const shortLink = await item.getByLabel('Link in the QR code').inputValue()
    const info = parseLink(shortLink)
    assert.equal(info.root, parseLink(full).root)
    assert.equal(info.peers.length, 1)
    assert.equal(info.name, undefined)
    assert.ok(shortLink.length < full.length, `${shortLink.length} < ${full.length}`)
  })

  step('B looks the short link up ("1 of 1 file"), downloads it, and sees how long it took and how fast', async () => {
    const panel = await showView(uiB.page, 'Transfers')
    await panel.getByLabel('Link or root').fill(compactLink((await holidayShare()).link))
    await panel.getByRole('button', { name: 'Look up', exact: true }).click()
    await panel.getByRole('checkbox', { name: /holiday\.mp4/ }).waitFor({ timeout: 60_000 })
    assert.match(await panel.getByRole('group', { name: 'Files to download' }).locator('..').innerText(), /1 of 1 file, 2\.0 MiB/)
    await panel.getByRole('button', { name: 'Download', exact: true }).click()
    const item = itemNamed(panel, 'Downloads', 'holiday.mp4')
    await waitFor(async () => (await item.getByRole('progressbar').getAttribute('aria-valuenow')) === '100', { what: 'the download to finish', timeoutMs: 60_000 })
    const text = await item.innerText()
    assert.match(text, /Took\s+\d+ (ms|s|min)\b/)
    assert.match(text, /Average speed\s+[\d.]+ (B|KiB|MiB|GiB)\/s/)
    assert.match(text, /\b1 peer\b/)
    assert.doesNotMatch(text, /\b1 peers\b/)
  })

  step('Open folder works from the browser: the node\'s machine shows the folder', async () => {
    const done = await holidayOnB()
    const item = itemNamed(await showView(uiB.page, 'Transfers'), 'Downloads', 'holiday.mp4')
    await item.getByRole('button', { name: 'Open folder' }).click()
    await item.getByRole('status').filter({ hasText: 'Opened the folder of' }).waitFor()
    const opened = await waitFor(async () => { const got = await opener.opened(); return got.length > 0 ? got : null }, { what: 'the file manager to be asked', timeoutMs: 5_000 })
    assert.deepEqual(opened, [dirname(done.path!)])
  })

  step('a finished download can be taken off the list; its file stays', async () => {
    const done = await holidayOnB()
    const panel = await showView(uiB.page, 'Transfers')
    await itemNamed(panel, 'Downloads', 'holiday.mp4').getByRole('button', { name: 'Remove from list' }).click()
    await itemNamed(panel, 'Downloads', 'holiday.mp4').waitFor({ state: 'detached' })
    assert.deepEqual(await b.client.transfers({}), [])
    assert.equal(await sha256File(done.path!), holiday.sha256)
  })

  step('Cancel asks first: Escape or "Keep downloading" keep the download; "Yes" cancels it', async () => {
    const { page } = uiB
    await b.client.updateSettings({ downloadLimit: 256 * 1024 })
    const share = await shareAndWait(a.client, big.path)
    const panel = await showView(page, 'Transfers')
    await b.client.download({ link: share.link })
    const item = itemNamed(panel, 'Downloads', 'big.bin')
    const count = (await b.client.transfers({})).length
    await item.getByRole('button', { name: 'Cancel', exact: true }).click()
    const question = item.getByRole('group', { name: /^Cancel big\.bin\? What was downloaded so far is deleted\./ })
    await question.waitFor()
    assert.equal(await focusedText(page), 'Keep downloading', 'the safe answer has the focus')
    assert.deepEqual(await seriousViolations(page), [], 'the question passes axe')
    await page.keyboard.press('Escape')
    await question.waitFor({ state: 'detached' })
    assert.equal(await focusedText(page), 'Cancel')
    await item.getByRole('button', { name: 'Cancel', exact: true }).click()
    await question.getByRole('button', { name: 'Keep downloading' }).click()
    assert.equal((await b.client.transfers({})).length, count, 'still there')
    await item.getByRole('button', { name: 'Cancel', exact: true }).click()
    await question.getByRole('button', { name: 'Yes, cancel the download' }).click()
    await item.waitFor({ state: 'detached' })
    assert.equal((await b.client.transfers({})).find(t => t.root === share.root), undefined)
    await b.client.updateSettings({ downloadLimit: 0 })
  })

  step('the Network view names its shares, speaks one unit per chart and says what the routing table means', async () => {
    await holidayShare()
    const panel = await showView(uiA.page, 'Network')
    const announcements = panel.getByRole('region', { name: /Announcements/ })
    await waitFor(async () => /holiday\.mp4/.test(await announcements.innerText()), { what: 'the announcement of holiday.mp4 by name', timeoutMs: 30_000 })
    const caption = await panel.locator('figure', { has: uiA.page.getByRole('img', { name: /Bandwidth/ }) }).locator('figcaption').innerText()
    const units = new Set([...caption.matchAll(/(B|KiB|MiB|GiB)\/s/g)].map(m => m[0]))
    assert.equal(units.size, 1, `one unit in "${caption}"`)
    const swatch = panel.locator('.swatch-upload')
    assert.equal(await swatch.evaluate(el => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).borderTopStyle), 'dashed', 'the Upload swatch is a dashed line')
    assert.match(await panel.innerText(), /a bucket splits only once it holds k = 20/)
    assert.match(await panel.innerText(), /a node that only shares shows 0 B downloaded while it uploads/)
    assert.deepEqual(await seriousViolations(uiA.page), [])
  })

  step('the header\'s items sit on one line, their labels level with each other', async () => {
    const centres = await uiA.page.locator('header dt').evaluateAll(els => els.map(el => { const box = el.getBoundingClientRect(); return Math.round(box.top + box.height / 2) }))
    assert.equal(centres.length, 3)
    assert.ok(Math.max(...centres) - Math.min(...centres) <= 2, `label centres at ${centres.join(', ')} px`)
  })

  step('at 560 px wide every tab is in view and nothing runs off the side, the Peers table included', async () => {
    const problems: string[] = []
    for (const [label, page] of [['A', uiA.page], ['B', uiB.page]] as Array<[string, Page]>) {
      await page.setViewportSize({ width: 560, height: 900 })
      for (const view of ['Share', 'Transfers', 'Peers', 'Network', 'Settings'] as const) {
        await showView(page, view)
        await page.waitForTimeout(300)
        for (const tab of await page.getByRole('tab').all()) {
          const box = await tab.boundingBox()
          if (box == null || box.x < 0 || box.x + box.width > 560) problems.push(`${label} ${view}: the tab "${await tab.innerText()}" is cut off (${JSON.stringify(box)})`)
        }
        for (const wide of await overflowing(page)) problems.push(`${label} ${view}: ${wide}`)
      }
      if (label === 'B') assert.deepEqual(await seriousViolations(page), [], 'the stacked Peers table passes axe')
    }
    const peers = await showView(uiB.page, 'Peers')
    await peers.getByRole('rowheader').first().waitFor()
    assert.equal(await peers.getByRole('columnheader').count(), 7, 'still a table with its column names')
    assert.deepEqual(problems, [])
    await access(holiday.path)
  })

  step('the browsers saw no script errors', async () => {
    // The relative path is refused with a 400 on purpose; the browser logs any failed request.
    const errors = [...uiA.problems, ...uiB.problems].filter(p => !/Failed to load resource: .* 400 \(Bad Request\)/.test(p))
    assert.deepEqual(errors, [])
  })
})

/** The one DOM function the page-side snippets here use. */
interface BrowserGlobals {
  getComputedStyle: (el: unknown) => { borderTopStyle: string }
}

/** The text of the focused element. */
async function focusedText (page: Page): Promise<string> {
  return await page.evaluate('document.activeElement?.innerText ?? ""') as string
}

/** Visible elements whose box runs past the window's right edge, or that scroll sideways. */
async function overflowing (page: Page): Promise<string[]> {
  return await page.evaluate(`(() => {
    const width = document.documentElement.clientWidth
    const out = []
    if (document.documentElement.scrollWidth > width) out.push('the page scrolls sideways (' + document.documentElement.scrollWidth + ' > ' + width + ')')
    for (const el of document.querySelectorAll('main *, header *')) {
      if (el.closest('.offscreen, [hidden], thead') != null) continue
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.height === 0) continue
      if (box.right > width + 0.5) out.push((el.tagName + '.' + el.className).slice(0, 60) + ' ends at ' + Math.round(box.right) + ' px: ' + (el.textContent ?? '').slice(0, 60))
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible' && el.tagName !== 'INPUT' && el.tagName !== 'TEXTAREA' && el.tagName !== 'SELECT') out.push((el.tagName + '.' + el.className).slice(0, 60) + ' scrolls sideways: ' + (el.textContent ?? '').slice(0, 60))
    }
    return out.slice(0, 20)
  })()`) as string[]
}
