/**
 * Where a browser UI gets the daemon's secret: `peershare daemon` prints a
 * URL whose fragment carries it (`#token=<secret>`). A fragment never reaches
 * a server or a Referer, so the token is taken from it once, kept in
 * sessionStorage for reloads of this tab, and wiped from the address bar so
 * it does not end up in history, bookmarks or a screenshot.
 */
import { UI_TOKEN_FRAGMENT } from '../../../shared/index.js'

const STORAGE_KEY = 'peershare.token'

/** Reads the token from the fragment (and forgets it there) or from this tab's session. */
export function takeToken (): string | null {
  const fromFragment = tokenFromFragment(window.location.hash)
  if (fromFragment != null) {
    safeSession(() => { window.sessionStorage.setItem(STORAGE_KEY, fromFragment) })
    const { pathname, search } = window.location
    window.history.replaceState(window.history.state, '', `${pathname}${search}`)
    return fromFragment
  }
  return safeSession(() => window.sessionStorage.getItem(STORAGE_KEY)) ?? null
}

/** Drops a token the daemon refused, so a reload asks for a fresh URL. */
export function forgetToken (): void {
  safeSession(() => { window.sessionStorage.removeItem(STORAGE_KEY) })
}

/** `#token=abc&x=y` → 'abc'; null when absent or empty. */
export function tokenFromFragment (hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const token = params.get(UI_TOKEN_FRAGMENT)
  return token != null && token.trim() !== '' ? token.trim() : null
}

function safeSession<T> (fn: () => T): T | undefined {
  try {
    return fn()
  } catch {
    // Storage can be disabled (privacy settings); the token then lives for this page only.
    return undefined
  }
}
