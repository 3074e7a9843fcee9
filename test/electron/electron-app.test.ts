/**
 * The desktop app in the real Electron binary, driven by playwright-core:
 * the window is titled with its profile, shows `app://peershare/`, has the
 * checklist's web preferences, gets the strict CSP header, exposes the
 * bridge (and no Node) to the page, and registers the profile's daemon file
 * so the CLI can reach it. Skipped, with the reason, where the binary is
 * not installed (it cannot always be downloaded). The engine listens on
 * loopback only, without mDNS, on a private DHT name.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { findElectronBinary } from '../../electron/launcher/electron-binary.js'
import { findDaemon, readDaemonInfo } from '../../electron/host/index.js'

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..')
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

describe('the desktop app in Electron', () => {
  it('opens a locked-down window for its profile and serves the contract over IPC', async t => {
    const electron = findElectronBinary(import.meta.url, {})
    if (!electron.found) {
      t.skip(`Electron binary not installed: ${electron.reason}; run \`npm ci\` where GitHub is reachable to get it`)
      return
    }
    const { _electron } = await import('playwright-core')
    const profile = await mkdtemp(join(tmpdir(), 'peershare-electron-'))
    // Chromium refuses its own OS sandbox when run as root (CI containers); the renderer is still sandboxed by Electron.
    const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : []
    const app = await _electron.launch({
      executablePath: electron.path,
      args: [...rootOnly, root, '--profile', profile, '--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns', '--network', `electron-test-${process.pid}`],
      cwd: root,
      timeout: 60_000
    })
    try {
      const page = await app.firstWindow()
      await page.waitForLoadState('domcontentloaded')
      assert.equal(await page.title().then(async () => await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].getTitle())), `PeerShare — ${basename(profile)}`)
      assert.equal(page.url(), 'app://peershare/index.html')

      // getLastWebPreferences is not in every Electron's typings; where present it shows what the window really got.
      const prefs = await app.evaluate(({ BrowserWindow }) => (BrowserWindow.getAllWindows()[0].webContents as any).getLastWebPreferences?.() ?? null)
      if (prefs != null) {
        assert.equal(prefs.contextIsolation, true)
        assert.equal(prefs.sandbox, true)
        assert.equal(prefs.nodeIntegration, false)
        assert.equal(prefs.webSecurity, true)
        assert.equal(prefs.allowRunningInsecureContent, false)
        assert.equal(prefs.webviewTag, false)
      }

      const csp = await page.evaluate(async () => (await fetch('app://peershare/index.html')).headers.get('content-security-policy'))
      assert.equal(csp, CSP)

      const surface = await page.evaluate(() => {
        const bridge = (globalThis as any).peershare
        return {
          keys: Object.keys(bridge).sort(),
          host: bridge.host,
          require: typeof (globalThis as any).require,
          process: typeof (globalThis as any).process,
          secure: (globalThis as any).isSecureContext,
          popup: (globalThis as any).open('https://example.org/') === null
        }
      })
      assert.deepEqual(surface.keys, ['api', 'desktop', 'host', 'subscribe'])
      assert.deepEqual(surface.host, { kind: 'electron', profile: basename(profile) })
      assert.equal(surface.require, 'undefined')
      assert.equal(surface.process, 'undefined')
      assert.equal(surface.secure, true, 'app: is a secure context')
      assert.equal(surface.popup, true, 'new windows are denied')

      const info = await readDaemonInfo(profile)
      assert.ok(info != null, 'the app wrote its daemon file')
      const status = await page.evaluate(async () => await (globalThis as any).peershare.api.status({}))
      assert.equal(status.peerId, info.peerId)
      const found = await findDaemon(profile)
      assert.ok(found != null, 'the CLI reaches the running app')
      found.client.close()

      const navigated = await page.evaluate(() => { (globalThis as any).location.href = 'https://example.org/'; return true })
      assert.equal(navigated, true)
      await new Promise(resolve => setTimeout(resolve, 500))
      assert.equal(page.url(), 'app://peershare/index.html', 'navigation away is denied')
    } finally {
      await app.close().catch(() => {})
      await rm(profile, { recursive: true, force: true })
    }
  })
})
