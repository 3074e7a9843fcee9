/**
 * Which HTTP status each contract error code travels with over the loopback
 * API, and back: the binding rule of http.ts in one pure table, read by the
 * endpoint and by every client of it.
 */
import type { ErrorCode } from './errors.js'

/** The HTTP status a response with this error code carries. */
export function httpStatusForCode (code: ErrorCode): number {
  switch (code) {
    case 'bad-request':
    case 'invalid-link':
    case 'unsafe-path':
    case 'manifest-invalid':
    case 'too-large':
      return 400
    case 'unauthorized':
      return 401
    // no-providers: nobody could be found who serves it; the request was fine, the share is not there (now).
    case 'not-found':
    case 'path-not-found':
    case 'no-providers':
      return 404
    // This node cannot ask anyone, or cannot reach the one who has it: not a fault of the request, nor of PeerShare.
    case 'no-connections':
    case 'unreachable':
      return 503
    case 'disk-full':
      return 507
    default:
      return 500
  }
}

/** A best guess at the error code for an HTTP status whose body carried none. */
export function codeForHttpStatus (status: number): ErrorCode {
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 404) return 'not-found'
  if (status === 413) return 'too-large'
  if (status === 507) return 'disk-full'
  if (status >= 400 && status < 500) return 'bad-request'
  return 'internal'
}
