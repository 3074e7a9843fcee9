/**
 * What can go wrong on the client's side of the loopback API, before any
 * answer arrives: the endpoint is not there, it did not answer in time, or
 * the client was closed. Each is a PeerShareApiError, so a caller catches
 * one type and reads one `code`, whether the engine or the client failed.
 */
import { PeerShareApiError } from './errors.js'

/** The endpoint could not be reached at all (not running, wrong port, refused). */
export class DaemonUnreachableError extends PeerShareApiError {
  constructor (url: string, cause?: unknown, hint = 'Is PeerShare still running?') {
    const detail = describeCause(cause)
    super({ code: 'internal', message: `Cannot reach PeerShare at ${url}${detail === '' ? '' : ` (${detail})`}. ${hint}` })
    this.name = 'DaemonUnreachableError'
    this.cause = cause
  }
}

/** A call did not complete within its deadline. */
export class ApiTimeoutError extends PeerShareApiError {
  constructor (command: string, timeoutMs: number) {
    super({
      code: 'aborted',
      message: `PeerShare did not answer "${command}" within ${formatMs(timeoutMs)}; it may be busy or stuck. Try again, or restart it.`
    })
    this.name = 'ApiTimeoutError'
  }
}

/** A call was made on (or cut short by) a client that was closed. */
export class ApiClientClosedError extends PeerShareApiError {
  constructor () {
    super({ code: 'aborted', message: 'The API client was closed before the call completed.' })
    this.name = 'ApiClientClosedError'
  }
}

function describeCause (cause: unknown): string {
  if (cause == null || typeof cause !== 'object') return ''
  // fetch wraps the system error: TypeError('fetch failed', { cause: Error('connect ECONNREFUSED ...') })
  const inner = (cause as { cause?: unknown }).cause
  const source = inner instanceof Error ? inner : cause
  const code = (source as { code?: unknown }).code
  if (typeof code === 'string') return code
  return source instanceof Error ? source.message : ''
}

function formatMs (ms: number): string {
  if (ms < 1000) return `${ms} ms`
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`
  return `${Math.round(ms / 60_000)} min`
}
