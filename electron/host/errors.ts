/**
 * Named errors of the headless host: what can go wrong finding, reaching or
 * starting a daemon, each with a message that says what to do next. Errors
 * a client sees from the API are PeerShareApiError (or a subclass of it), so
 * a caller catches one type and reads one `code`.
 */
import { PeerShareApiError } from '../../shared/index.js'

/** The daemon's API could not be reached at all (not running, wrong port, refused). */
export class DaemonUnreachableError extends PeerShareApiError {
  constructor (url: string, cause?: unknown) {
    const detail = describeCause(cause)
    super({
      code: 'internal',
      message: `Cannot reach the PeerShare API at ${url}${detail === '' ? '' : ` (${detail})`}. Is the daemon still running? Start it with \`peershare daemon --profile DIR\`.`
    })
    this.name = 'DaemonUnreachableError'
    this.cause = cause
  }
}

/** A call did not complete within its deadline. */
export class ApiTimeoutError extends PeerShareApiError {
  constructor (command: string, timeoutMs: number) {
    super({
      code: 'aborted',
      message: `The PeerShare API did not answer "${command}" within ${formatMs(timeoutMs)}; the daemon may be busy or stuck. Try again, or restart the daemon.`
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

/** Another live daemon already runs for the profile. */
export class DaemonAlreadyRunningError extends Error {
  readonly code = 'bad-request'
  constructor (profileDir: string, pid: number, api: string) {
    super(`A PeerShare daemon already runs for the profile ${profileDir} (pid ${pid}, API ${api}). Stop it first, or use another --profile.`)
    this.name = 'DaemonAlreadyRunningError'
  }
}

/** The profile's secret file exists but does not hold a secret. */
export class InvalidSecretFileError extends Error {
  readonly code = 'internal'
  constructor (file: string) {
    super(`The API secret file ${file} is damaged (it should hold 64 hex characters). Stop any daemon of this profile, delete the file and start again: a new secret is created.`)
    this.name = 'InvalidSecretFileError'
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
