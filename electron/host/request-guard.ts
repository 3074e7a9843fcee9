/**
 * Who may talk to the loopback API: only a client on this machine that
 * addresses the endpoint by its own name (no DNS rebinding), comes from no
 * foreign web origin (no cross-site requests) and holds the profile's secret.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { TOKEN_QUERY_PARAM } from '../../shared/index.js'

/** Host names the endpoint answers to; it listens on 127.0.0.1 only. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'] as const

/** Whether a Host header names this endpoint exactly: `127.0.0.1:<port>` or `localhost:<port>`. */
export function isAllowedHost (host: string | undefined, port: number): boolean {
  if (host == null) return false
  return LOOPBACK_NAMES.some(name => host === `${name}:${port}`)
}

/** Whether an Origin header, when present, is this endpoint's own origin. */
export function isAllowedOrigin (origin: string | undefined, port: number): boolean {
  if (origin == null) return true
  return LOOPBACK_NAMES.some(name => origin === `http://${name}:${port}`)
}

/**
 * The secret a request presents: `Authorization: Bearer <secret>`; for the
 * WebSocket upgrade only (a browser cannot set headers on one), else the
 * `token` query parameter. Anywhere else a secret in the address would end
 * up in logs and histories, so it is not accepted there.
 */
export function presentedSecret (headers: IncomingHttpHeaders, url: URL, where: 'command' | 'upgrade'): string | undefined {
  const auth = headers.authorization
  if (auth != null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth)
    if (match != null) return match[1]
  }
  return where === 'upgrade' ? url.searchParams.get(TOKEN_QUERY_PARAM) ?? undefined : undefined
}

/** Whether a request carries the secret in its address, where only the WebSocket upgrade may. */
export function hasQuerySecret (url: URL): boolean {
  return url.searchParams.has(TOKEN_QUERY_PARAM)
}

/**
 * Compares a presented secret with the expected one in constant time.
 * Both are hashed first so that their lengths (which timingSafeEqual
 * requires to match) leak nothing either.
 */
export class SecretCheck {
  readonly #expected: Buffer

  constructor (secret: string) {
    this.#expected = digest(secret)
  }

  /** True when `presented` is the secret. */
  matches (presented: string | undefined): boolean {
    if (presented == null || presented === '') return false
    return timingSafeEqual(digest(presented), this.#expected)
  }
}

function digest (value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}
