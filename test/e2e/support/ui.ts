/**
 * Driving PeerShare's web UI in a real browser for end-to-end tests and
 * screenshots: the system's Chromium through playwright-core (never a
 * downloaded browser), one browser context per daemon (each daemon is its
 * own origin), and helpers that find controls by role and accessible name,
 * as a person using assistive tech would.
 */
import { readFile } from 'node:fs/promises'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { UI_TOKEN_FRAGMENT } from '../../../shared/index.js'
import { profilePath } from '../../../electron/core/index.js'
import { it } from 'node:test'
import { registerCleanup } from '../../support/cleanup.js'
import { dumpDaemonLogs } from '../../support/index.js'
import type { Daemon } from '../../support/daemon.js'

/** The browser binary; PEERSHARE_CHROMIUM overrides the Debian default. */
export const CHROMIUM_PATH = process.env.PEERSHARE_CHROMIUM ?? '/usr/bin/chromium'

/** Starts headless Chromium; it is closed at cleanup whatever happens. */
export async function launchBrowser (): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage']
  })
  registerCleanup('close the browser', async () => { await browser.close().catch(() => {}) }, 'processes')
  return browser
}

/** The address `peershare daemon` prints for its UI: its API origin with the secret in the fragment. */
export async function uiAddress (daemon: Pick<Daemon, 'api' | 'profileDir'>): Promise<string> {
  const secret = (await readFile(profilePath(daemon.profileDir, 'secret'), 'utf8')).trim()
  return `${daemon.api}/#${UI_TOKEN_FRAGMENT}=${encodeURIComponent(secret)}`
}

export interface OpenUiOptions {
  readonly colorScheme?: 'light' | 'dark'
  readonly viewport?: { width: number, height: number }
}

/** A page showing a daemon's UI, loaded and signed in. */
export interface UiPage {
  readonly context: BrowserContext
  readonly page: Page
  /** Console errors and page errors seen so far, for failure messages. */
  readonly problems: string[]
}

/** Opens the daemon's UI in a fresh context and waits until the views are there. */
export async function openUi (browser: Browser, daemon: Pick<Daemon, 'api' | 'profileDir'>, options: OpenUiOptions = {}): Promise<UiPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce'
  })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: daemon.api })
  context.setDefaultTimeout(20_000)
  const page = await context.newPage()
  const problems = watchProblems(page)
  await page.goto(await uiAddress(daemon), { timeout: 20_000 })
  await page.getByRole('tablist', { name: 'Views' }).waitFor({ timeout: 20_000 })
  return { context, page, problems }
}

/** Selects a view by its tab's name and returns its panel. */
export async function showView (page: Page, name: 'Share' | 'Transfers' | 'Devices' | 'Peers' | 'Network' | 'Settings'): Promise<Locator> {
  await page.getByRole('tab', { name, exact: true }).click()
  const panel = page.getByRole('tabpanel', { name, exact: true })
  await panel.waitFor()
  return panel
}

/** The list item of a share or download, found by its name. */
export function itemNamed (scope: Page | Locator, list: 'Shares' | 'Downloads', name: string): Locator {
  return scope.getByRole('list', { name: list, exact: true }).getByRole('listitem').filter({ has: pageOf(scope).getByRole('heading', { name, exact: true }) })
}

/** Shares a path through the browser UI's "Path to share" field and waits for it to be listed. */
export async function shareByPath (page: Page, path: string, name: string): Promise<Locator> {
  const panel = await showView(page, 'Share')
  await panel.getByLabel('Path to share').fill(path)
  await panel.getByRole('button', { name: 'Share', exact: true }).click()
  const item = itemNamed(panel, 'Shares', name)
  await item.waitFor({ timeout: 60_000 })
  return item
}

/** Looks a link up in the Transfers view and starts the download of every file. */
export async function downloadLink (page: Page, link: string): Promise<void> {
  const panel = await showView(page, 'Transfers')
  await panel.getByLabel('Link or root').fill(link)
  await panel.getByRole('button', { name: 'Look up', exact: true }).click()
  await panel.getByRole('button', { name: 'Download', exact: true }).click({ timeout: 60_000 })
}

function pageOf (scope: Page | Locator): Page {
  return 'page' in scope && typeof scope.page === 'function' ? scope.page() : scope as Page
}

/** Collects the page's console errors and uncaught errors, for assertions and failure messages. */
export function watchProblems (page: Page): string[] {
  const problems: string[] = []
  page.on('console', msg => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`) })
  page.on('pageerror', err => { problems.push(`page error: ${err.message}`) })
  return problems
}

/**
 * A test step that, when it fails, prints the daemons' logs and what the
 * browsers reported (`problems` is read at failure time), then fails.
 */
export function stepWithDiagnostics (problems: () => readonly string[]): (title: string, fn: () => Promise<void>) => void {
  return (title, fn) => {
    it(title, async () => {
      try {
        await fn()
      } catch (err) {
        dumpDaemonLogs()
        const seen = problems()
        if (seen.length > 0) process.stderr.write(`browser problems:\n${seen.join('\n')}\n`)
        throw err
      }
    })
  }
}
