/**
 * The one-line message a person reads when a CLI command fails. It loads the
 * engine's error mapping, so the CLI imports it only once a command has run.
 */
import { toErrorBody } from '../core/index.js'
import { PeerShareApiError } from '../../shared/index.js'
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
