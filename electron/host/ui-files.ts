/**
 * Where the built web UI lives and how a browser reaches it. The renderer
 * is bundled into dist/renderer/ next to the compiled host, so it is found
 * relative to this module wherever the package is installed. The address
 * carries the profile's secret in its fragment: a browser never sends a
 * fragment to a server or in a Referer, and the UI moves it into session
 * storage and out of the address bar at once.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { UI_TOKEN_FRAGMENT } from '../../shared/index.js'

/** dist/renderer, seen from dist/electron/host/. */
const DEFAULT_UI_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url))

/**
 * The CSP the UI is served with, the same as the meta tag in its index.html:
 * only its own scripts, styles and API; images from itself or data: URLs (QR codes).
 */
export const UI_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

/** The same policy as a response header, which (unlike the meta tag) can also forbid framing the UI. */
export const UI_CSP_HEADER = `${UI_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`

/** The built UI's folder when it has an index.html, else undefined (the host then says it is not built). */
export function builtUiDir (dir: string = DEFAULT_UI_DIR): string | undefined {
  return existsSync(join(dir, 'index.html')) ? dir : undefined
}

/** `http://127.0.0.1:<port>/#token=<secret>`: the address that opens the UI signed in. */
export function uiUrl (apiUrl: string, secret: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/#${UI_TOKEN_FRAGMENT}=${encodeURIComponent(secret)}`
}
