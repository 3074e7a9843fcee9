/**
 * Error codes that cross the contract. Inside the engine errors are named
 * classes; at the edge (IPC, HTTP, CLI) they become `{ code, message }` with
 * one of these codes, and the message says what to do next.
 */
import { codeForHttpStatus } from './http-status.js'

export const ERROR_CODES = [
  'bad-request',
  'unauthorized',
  'invalid-link',
  'not-found',
  'path-not-found',
  'unsafe-path',
  'manifest-invalid',
  'too-large',
  'no-providers',
  'unreachable',
  'no-connections',
  'disk-full',
  'write-failed',
  'share-stale',
  'transfer-failed',
  'aborted',
  'internal'
] as const

export type ErrorCode = typeof ERROR_CODES[number]

/** The wire form of an error. */
export interface ApiErrorBody {
  readonly code: ErrorCode
  readonly message: string
}

export function isErrorCode (value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

/** An error received from an instance, rebuilt on the client side. */
export class PeerShareApiError extends Error {
  readonly code: ErrorCode
  constructor (body: ApiErrorBody) {
    super(body.message)
    this.name = 'PeerShareApiError'
    this.code = body.code
  }
}

/**
 * Rebuilds a PeerShareApiError from whatever a client received: an Error
 * carrying `code`, a plain `{ code, message }` (what survives Electron's
 * contextBridge, which keeps plain objects but strips an Error's own
 * fields), or an HTTP error body `{ error: { code, message } }`. With the
 * HTTP `status`, a body that names no code gets the status's code.
 */
export function toApiError (err: unknown, status?: number): PeerShareApiError {
  if (err instanceof PeerShareApiError) return err
  const outer = err as { error?: unknown } | null | undefined
  const inner = outer != null && typeof outer === 'object' && outer.error != null && typeof outer.error === 'object' ? outer.error : err
  const body = inner as Partial<ApiErrorBody> | null | undefined
  const code = isErrorCode(body?.code) ? body.code : status != null ? codeForHttpStatus(status) : 'internal'
  const message = typeof body?.message === 'string' && body.message !== ''
    ? body.message
    : status != null ? `PeerShare answered HTTP ${status} without saying why.` : String(err)
  return new PeerShareApiError({ code, message })
}
