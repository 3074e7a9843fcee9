/**
 * Where PeerShare's own pages come from: the privileged custom scheme
 * `app://peershare/`, served from the packaged renderer folder. One place
 * defines it, so the window, the protocol handler and the sender checks
 * cannot disagree about what "our origin" is.
 */

/** The custom scheme the UI is served from (registered as standard and secure). */
export const APP_SCHEME = 'app'
/** The only host the scheme answers for. */
export const APP_HOST = 'peershare'
/** The origin URL the window loads; every trusted IPC sender is a page under it. */
export const APP_ORIGIN_URL = `${APP_SCHEME}://${APP_HOST}/`
/** The page the window opens. */
export const APP_ENTRY_URL = `${APP_ORIGIN_URL}index.html`

/** Whether a URL is a page of our own origin: `app://peershare/...`, no credentials, no port. */
export function isAppUrl (url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
}
