/**
 * Which links the page may have opened in the system browser. The window
 * itself never navigates and never opens windows; a link the UI wants to
 * show (documentation, the project page) goes to shell.openExternal, but
 * only after this check: https, no credentials, no odd port, and a host on
 * a short allowlist. A pure function, so the rules are tested as such.
 */

/** Hosts (and their subdomains) the UI may send a person to. */
export const EXTERNAL_HOST_ALLOWLIST: readonly string[] = Object.freeze([
  'github.com',
  'libp2p.io',
  'docs.libp2p.io',
  'nodejs.org',
  'electronjs.org'
])

/** Longest URL handed to the system browser, in characters. */
const MAX_EXTERNAL_URL_LENGTH = 2048

/**
 * The normalised URL when `raw` may be opened externally, else null.
 * Allowed: `https://<allowlisted host or a subdomain of one>/...` on the
 * default port, without user or password.
 */
export function vetExternalUrl (raw: unknown, allowlist: readonly string[] = EXTERNAL_HOST_ALLOWLIST): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return null
  // Control characters and whitespace have no business in a link a person clicked.
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (/[\u0000-\u0020\u007f]/.test(raw)) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== 'https:') return null
  if (url.username !== '' || url.password !== '') return null
  if (url.port !== '') return null
  const host = url.hostname.toLowerCase()
  const allowed = allowlist.some(entry => {
    const domain = entry.toLowerCase()
    return host === domain || host.endsWith(`.${domain}`)
  })
  return allowed ? url.href : null
}
