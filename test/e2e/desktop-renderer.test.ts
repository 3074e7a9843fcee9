/**
 * The renderer as the desktop app runs it, in a real Chromium against a
 * real daemon: the page gets its bridge on `window.peershare`, as the
 * Electron preload gives it, instead of building one over HTTP. The Electron
 * binary cannot run here, so a stand-in for the preload is injected before
 * the page loads: it speaks to the daemon's real API (so every command
 * reaches the real engine) and plays the desktop's part (native pickers,
 * dropped files' paths, links the system hands over). "Open folder" is the
 * contract's showInFolder, which the host does: here the daemon, whose
 * file manager is a stand-in that records what it was asked to show.
 * Like the real preload, it rejects failed commands with a plain
 * `{ code, message }`. The preload itself is tested in test/electron/.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { after, before, describe } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { API_COMMANDS } from '../../shared/index.js'
import { profilePath } from '../../electron/core/index.js'
import {
  MiB, cleanupAll, dialAddr, openerStandIn, randomFile, sha256File, startDaemon, tempDir, uniqueNetwork, waitFor,
  type Daemon, type OpenerStandIn
} from '../support/index.js'
import { itemNamed, launchBrowser, showView, stepWithDiagnostics, watchProblems } from './support/ui.js'

// The stand-in and the page-side snippets run in the browser; these are the few DOM names they use.
declare const window: Record<string, unknown>
declare const location: { readonly host: string }
declare const DataTransfer: new () => { items: { add: (file: File) => void } }

/** What the stand-in answers for the desktop-only functions. */
interface StandInInit {
  readonly token: string
  readonly profile: string
  readonly commands: readonly string[]
  /** What the "native" pickers return. */
  readonly picks: { readonly files: readonly string[], readonly folder: readonly string[] }
  /** Dropped files' absolute paths, by file name. */
  readonly dropped: Readonly<Record<string, string>>
}

/**
 * DesktopPreloadStandIn — stands in for the Electron preload (which needs
 * the Electron binary): a PeerShareBridge on window.peershare over the
 * daemon's loopback API, with scripted desktop functions.
 */
function desktopPreloadStandIn (init: StandInInit): void {
  // Init scripts also run in the blank page a new tab starts with; only the daemon's page gets a bridge.
  if (location.host === '') return
  const post = async (command: string, req: unknown): Promise<unknown> => {
    const res = await fetch(`/api/${command}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${init.token}` },
      body: JSON.stringify(req ?? {})
    })
    const body = await res.json() as { error?: { code: string, message: string } }
    // What crosses contextBridge: a plain object.
    if (!res.ok) throw Object.freeze({ code: body.error?.code, message: body.error?.message })
    return body
  }
  const events = new Set<(event: unknown) => void>()
  const socket = new WebSocket(`ws://${location.host}/api/events?token=${encodeURIComponent(init.token)}`)
  socket.onmessage = message => { for (const l of events) l(JSON.parse(String(message.data))) }
  const linkListeners = new Set<(link: string) => void>()
  const record = { picked: [] as string[] }
  Object.assign(window, {
    desktopStandIn: { record, openLink: (link: string) => { for (const l of linkListeners) l(link) } },
    peershare: Object.freeze({
      host: Object.freeze({ kind: 'electron', profile: init.profile }),
      api: Object.freeze(Object.fromEntries(init.commands.map(c => [c, async (req: unknown) => await post(c, req)]))),
      subscribe: (l: (event: unknown) => void) => { events.add(l); return () => { events.delete(l) } },
      desktop: Object.freeze({
        pickPaths: async (kind: 'files' | 'folder') => { record.picked.push(kind); return init.picks[kind] },
        pathForFile: (file: File) => init.dropped[file.name] ?? '',
        onOpenLink: (l: (link: string) => void) => { linkListeners.add(l); return () => { linkListeners.delete(l) } }
      })
    })
  })
}

describe('the renderer inside the desktop host (preload bridge on window.peershare)', { timeout: 180_000 }, () => {
  let desk: Daemon
  let sharer: Daemon
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let picked: { path: string, sha256: string }
  let dropped: { path: string, sha256: string }
  let remote: { path: string, sha256: string }
  let downloads: string
  let opener: OpenerStandIn
  let problems: string[] = []

  before(async () => {
    const network = uniqueNetwork()
    const src = await tempDir('desk-src')
    picked = await randomFile(src, 1 * MiB + 3, 'picked.bin')
    dropped = await randomFile(src, 2 * MiB + 7, 'dropped.bin')
    remote = await randomFile(await tempDir('sharer-src'), 3 * MiB + 11, 'from-the-network.bin')
    downloads = await tempDir('desk-dl')
    opener = await openerStandIn()
    desk = await startDaemon({ name: 'desk', network, env: opener.env, extraArgs: ['--download-dir', downloads] })
    sharer = await startDaemon({ name: 'sharer', network, bootstrap: [dialAddr(desk)] })
    browser = await launchBrowser()
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    context.setDefaultTimeout(20_000)
    const token = (await readFile(profilePath(desk.profileDir, 'secret'), 'utf8')).trim()
    await context.addInitScript(desktopPreloadStandIn, {
      token,
      profile: 'work laptop',
      commands: [...API_COMMANDS],
      picks: { files: [picked.path], folder: [] },
      dropped: { [basename(dropped.path)]: dropped.path }
    } satisfies StandInInit)
    page = await context.newPage()
    problems = watchProblems(page)
    // No token in the address: the page must take the host's bridge, not build its own.
    await page.goto(`${desk.api}/`)
    await page.getByRole('tablist', { name: 'Views' }).waitFor()
  })

  after(cleanupAll)

  const step = stepWithDiagnostics(() => problems)

  step('uses the host\'s bridge and names the profile in the title', async () => {
    assert.equal(await page.title(), 'PeerShare — work laptop')
  })

  step('asks once whether to use the public network, saying what it reveals, and saves the answer', async () => {
    const question = page.getByRole('region', { name: 'Find peers on the public IPFS network?' })
    await question.waitFor()
    assert.match(await question.innerText(), /see your IP address and the roots of the shares you announce/)
    await question.getByRole('button', { name: 'Not now' }).click()
    await question.waitFor({ state: 'detached' })
    assert.equal((await desk.client.settings({})).saved.publicNetwork, 'off', 'the answer is saved, so it is not asked again')
    await page.reload()
    await page.getByRole('tablist', { name: 'Views' }).waitFor()
    assert.equal(await page.getByRole('region', { name: 'Find peers on the public IPFS network?' }).count(), 0)
  })

  step('"Share files…" shares what the native picker returns', async () => {
    const panel = await showView(page, 'Share')
    await panel.getByRole('button', { name: 'Share files…' }).click()
    await itemNamed(panel, 'Shares', 'picked.bin').waitFor({ timeout: 30_000 })
    const shares = await desk.client.shares({})
    assert.deepEqual(shares.map(s => s.path), [picked.path], 'the engine shares the picked file')
  })

  step('a file dropped anywhere on the window is shared', async () => {
    await showView(page, 'Peers')
    const transfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer()
      dt.items.add(new File(['not the real bytes: the engine reads the path'], 'dropped.bin'))
      return dt
    })
    await page.locator('main').dispatchEvent('drop', { dataTransfer: transfer })
    const panel = page.getByRole('tabpanel', { name: 'Share', exact: true })
    await itemNamed(panel, 'Shares', 'dropped.bin').waitFor({ timeout: 30_000 })
    const share = (await desk.client.shares({})).find(s => s.name === 'dropped.bin')
    assert.equal(share?.path, dropped.path)
    assert.equal(share?.size, 2 * MiB + 7)
  })

  step('a link the system hands over opens in Transfers, listed for picking, and downloads', async () => {
    const share = await sharer.client.share({ path: remote.path })
    await page.evaluate(link => { (window.desktopStandIn as { openLink: (l: string) => void }).openLink(link) }, share.link)
    const panel = page.getByRole('tabpanel', { name: 'Transfers', exact: true })
    await panel.waitFor()
    const files = panel.getByRole('group', { name: 'Files to download' })
    await files.getByRole('checkbox', { name: /from-the-network\.bin/ }).waitFor({ timeout: 30_000 })
    await panel.getByRole('button', { name: 'Download', exact: true }).click()
    const item = itemNamed(panel, 'Downloads', 'from-the-network.bin')
    await waitFor(async () => (await item.getByRole('progressbar').getAttribute('aria-valuenow')) === '100', { what: 'the download to reach 100%', timeoutMs: 60_000 })
    const done = (await desk.client.transfers({})).find(t => t.root === share.root)
    assert.equal(done?.state, 'done')
    assert.equal(await sha256File(done!.path!), remote.sha256)

    await item.getByRole('button', { name: 'Open folder' }).click()
    const shown = await waitFor(async () => { const got = await opener.opened(); return got.length > 0 ? got : null }, { what: '"Open folder" to reach the host', timeoutMs: 5_000 })
    assert.deepEqual(shown, [dirname(done!.path!)])
  })

  step('an error from the host keeps its message (rejections arrive as plain { code, message })', async () => {
    const panel = await showView(page, 'Transfers')
    // The page hands the text to the host's lookup; the engine refuses it.
    await panel.getByLabel('Link or root').fill('peershare://not-a-cid?name=x')
    await panel.getByRole('button', { name: 'Look up', exact: true }).click()
    const alert = panel.getByRole('alert')
    await alert.waitFor()
    assert.match(await alert.innerText(), /Cannot use this link: The link's root "not-a-cid" is not a base32 CIDv1/)
  })

  step('no script errors', async () => {
    const unexpected = problems.filter(p => !/Failed to load resource: .* 400 \(Bad Request\)/.test(p))
    assert.deepEqual(unexpected, [])
  })
})
