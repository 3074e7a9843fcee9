/**
 * The one-line message a person reads when a CLI command fails (and, for
 * --json, the error's code with it). It loads the engine's error mapping, so
 * the CLI imports it only once a command has run.
 */
import { toErrorBody } from '../core/index.js'
import { PeerShareApiError, type ApiErrorBody } from '../../shared/index.js'
import { UsageError } from './usage-error.js'

/**
 * The message to print for an error. Errors of the contract keep their
 * message; anything else goes through the engine's mapping, falling back
 * on the error's own message where that mapping knows no better than
 * "internal".
 */
export function errorMessage (err: unknown): string {
  if (err instanceof PeerShareApiError || err instanceof UsageError) return err.message
  let body
  try {
    body = toErrorBody(err)
  } catch {
    body = undefined
  }
  if (body != null && body.code !== 'internal' && body.message !== '') return body.message
  if (err instanceof Error && err.message !== '') return err.message
  return body?.message ?? String(err)
}

/** The error as the contract's `{ code, message }`, the message as errorMessage gives it. */
export function errorBody (err: unknown): ApiErrorBody {
  let code: ApiErrorBody['code'] = 'internal'
  if (err instanceof PeerShareApiError || err instanceof UsageError) code = err.code
  else {
    try {
      code = toErrorBody(err).code
    } catch {}
  }
  return { code, message: errorMessage(err) }
}
