/**
 * Electron's security checklist, enforced in one place: the web preferences
 * of every PeerShare window, the lock-down of every webContents (no
 * navigation, no redirects, no new windows, no <webview>), and the session's
 * answer to every permission request and check (no). Remote origins never
 * load: requests to http(s), ws(s) and file are cancelled outright, the
 * pages come only from `app://peershare/` (app-protocol.ts).
 */
import type { Session, WebContents, WebPreferences } from 'electron'
import { logger } from '@libp2p/logger'
import { isAppUrl } from './app-origin.js'
import { vetExternalUrl } from './url-vetting.js'

const log = logger('peershare:desktop:security')

/** The web preferences of PeerShare's window: isolated, sandboxed, no Node, full web security. */
export function secureWebPreferences (preloadPath: string, options: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools ?? false
  }
}

export interface HardenContentsOptions {
  /** Opens a vetted https URL in the system browser (shell.openExternal). */
  openExternal: (url: string) => void | Promise<void>
  /** Where denials are reported; default the `peershare:desktop:security` logger. */
  report?: (message: string) => void
}

/**
 * Locks down one webContents: navigation and redirects are denied (a drop
 * of a file onto the window included), new windows are denied (a vetted
 * https link goes to the system browser instead), <webview> never attaches.
 */
export function hardenContents (contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, options: HardenContentsOptions): void {
  const report = options.report ?? ((message: string) => { log(message) })
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    report(`denied navigation to ${describe(url)}`)
  })
  contents.on('will-redirect', (event, url) => {
    event.preventDefault()
    report(`denied redirect to ${describe(url)}`)
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    report('denied a <webview>')
  })
  contents.setWindowOpenHandler(({ url }) => {
    const vetted = vetExternalUrl(url)
    if (vetted == null) {
      report(`denied opening ${describe(url)}`)
    } else {
      void Promise.resolve(options.openExternal(vetted)).catch(err => { report(`could not open ${describe(vetted)}: ${(err as Error)?.message ?? String(err)}`) })
    }
    return { action: 'deny' }
  })
}

/**
 * The one permission PeerShare's own pages get: writing text to the
 * clipboard (the Copy buttons for links, peer ids and paths). Everything
 * else, and everything asked by any other origin, is refused.
 */
export function isPermissionAllowed (permission: string, requestingUrl: string | undefined): boolean {
  if (permission !== 'clipboard-sanitized-write' || requestingUrl == null) return false
  // The check handler gets an origin ('app://peershare'), the request handler a page URL; both parse the same.
  return isAppUrl(requestingUrl)
}

/** URL patterns no PeerShare page ever needs to fetch: everything outside `app://peershare/`. */
export const BLOCKED_REQUEST_URLS: readonly string[] = Object.freeze(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'])

/**
 * Locks down a session: every permission request is refused, every
 * permission check answers no, device access is refused, and requests to
 * remote (or file) URLs are cancelled before they leave.
 */
export function hardenSession (
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> & { webRequest: Pick<Session['webRequest'], 'onBeforeRequest'> },
  options: { report?: (message: string) => void } = {}
): void {
  const report = options.report ?? ((message: string) => { log(message) })
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    if (isPermissionAllowed(permission, details?.requestingUrl)) {
      callback(true)
      return
    }
    report(`denied permission request "${permission}"`)
    callback(false)
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin))
  session.setDevicePermissionHandler(() => false)
  session.webRequest.onBeforeRequest({ urls: [...BLOCKED_REQUEST_URLS] }, (details, callback) => {
    report(`cancelled a request to ${describe(details.url)}`)
    callback({ cancel: true })
  })
}

/** Scheme and host only, for log lines. */
function describe (url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return '(unparseable URL)'
  }
}
