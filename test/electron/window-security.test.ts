/**
 * The window's lock-down, under Node with stand-ins for webContents and the
 * session: the web preferences of the checklist, navigation / redirects /
 * <webview> / new windows denied, only vetted https links opened
 * externally, every permission refused, remote requests cancelled.
 */
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { describe, it } from 'node:test'
import type { Session, WebContents } from 'electron'
import { mainWindowOptions } from '../../electron/main/main-window.js'
import { BLOCKED_REQUEST_URLS, hardenContents, hardenSession, secureWebPreferences } from '../../electron/main/window-security.js'

/** FakeContents — stands in for Electron's webContents: an emitter plus the window-open handler slot. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | undefined
  setWindowOpenHandler (handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler
  }

  /** Emits an event the way Electron does, with a preventable event object; returns whether it was prevented. */
  fire (name: string, ...args: unknown[]): boolean {
    let prevented = false
    this.emit(name, { preventDefault: () => { prevented = true } }, ...args)
    return prevented
  }
}

/** FakeSession — stands in for Electron's session: records the handlers it is given. */
class FakeSession {
  requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | undefined
  checkHandler: ((...args: unknown[]) => boolean) | undefined
  deviceHandler: ((...args: unknown[]) => boolean) | undefined
  blocked: { filter: { urls: string[] }, listener: (details: { url: string }, callback: (r: { cancel: boolean }) => void) => void } | undefined
  setPermissionRequestHandler (h: FakeSession['requestHandler']): void { this.requestHandler = h }
  setPermissionCheckHandler (h: FakeSession['checkHandler']): void { this.checkHandler = h }
  setDevicePermissionHandler (h: FakeSession['deviceHandler']): void { this.deviceHandler = h }
  webRequest = {
    onBeforeRequest: (filter: { urls: string[] }, listener: NonNullable<FakeSession['blocked']>['listener']) => { this.blocked = { filter, listener } }
  }
}

describe('window security', () => {
  it('builds the window with every checklist preference', () => {
    const prefs = secureWebPreferences('/app/preload.cjs')
    assert.equal(prefs.contextIsolation, true)
    assert.equal(prefs.sandbox, true)
    assert.equal(prefs.nodeIntegration, false)
    assert.equal(prefs.nodeIntegrationInWorker, false)
    assert.equal(prefs.nodeIntegrationInSubFrames, false)
    assert.equal(prefs.webSecurity, true)
    assert.equal(prefs.allowRunningInsecureContent, false)
    assert.equal(prefs.webviewTag, false)
    assert.equal(prefs.experimentalFeatures, false)
    assert.equal(prefs.navigateOnDragDrop, false)
    assert.equal(prefs.devTools, false)
    assert.equal(prefs.preload, '/app/preload.cjs')
    const options = mainWindowOptions({ title: 'PeerShare — work', preloadPath: '/app/preload.cjs' })
    assert.equal(options.title, 'PeerShare — work')
    assert.deepEqual(options.webPreferences, prefs)
  })

  it('denies navigation, redirects and <webview>', () => {
    const contents = new FakeContents()
    const reports: string[] = []
    hardenContents(contents as unknown as WebContents, { openExternal: () => {}, report: m => { reports.push(m) } })
    assert.equal(contents.fire('will-navigate', 'https://evil.example/'), true)
    assert.equal(contents.fire('will-navigate', 'app://peershare/other.html'), true)
    assert.equal(contents.fire('will-navigate', 'file:///home/ana/dropped.txt'), true, 'a dropped file does not replace the page')
    assert.equal(contents.fire('will-redirect', 'https://evil.example/'), true)
    assert.equal(contents.fire('will-attach-webview', {}, {}), true)
    assert.equal(reports.length, 5)
  })

  it('denies new windows, opening only vetted https links in the system browser', async () => {
    const contents = new FakeContents()
    const opened: string[] = []
    hardenContents(contents as unknown as WebContents, { openExternal: url => { opened.push(url) }, report: () => {} })
    for (const url of ['https://github.com/libp2p', 'http://github.com/', 'https://evil.example/', 'file:///etc/passwd', 'app://peershare/']) {
      assert.deepEqual(contents.openHandler?.({ url }), { action: 'deny' }, url)
    }
    await new Promise(resolve => setImmediate(resolve))
    assert.deepEqual(opened, ['https://github.com/libp2p'])
  })

  it('refuses every permission but clipboard writes from our pages, and cancels requests to remote origins', () => {
    const session = new FakeSession()
    hardenSession(session as unknown as Session, { report: () => {} })
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined
      session.requestHandler?.({}, permission, g => { granted = g }, {})
      assert.equal(granted, false, permission)
      assert.equal(session.checkHandler?.({}, permission, 'app://peershare', {}), false, permission)
    }
    // The one exception: our own pages may write to the clipboard (the Copy buttons); nobody else may.
    let copy: boolean | undefined
    session.requestHandler?.({}, 'clipboard-sanitized-write', g => { copy = g }, { requestingUrl: 'app://peershare/index.html' })
    assert.equal(copy, true)
    assert.equal(session.checkHandler?.({}, 'clipboard-sanitized-write', 'app://peershare', {}), true)
    session.requestHandler?.({}, 'clipboard-sanitized-write', g => { copy = g }, { requestingUrl: 'https://evil.example/' })
    assert.equal(copy, false)
    assert.equal(session.checkHandler?.({}, 'clipboard-sanitized-write', 'https://evil.example', {}), false)
    assert.equal(session.checkHandler?.({}, 'clipboard-sanitized-write', 'app://peershare.evil', {}), false)
    assert.equal(session.deviceHandler?.({}), false)
    assert.deepEqual(session.blocked?.filter.urls, [...BLOCKED_REQUEST_URLS])
    let cancelled: boolean | undefined
    session.blocked?.listener({ url: 'https://tracker.example/x' }, r => { cancelled = r.cancel })
    assert.equal(cancelled, true)
  })
})
