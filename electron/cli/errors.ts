/**
 * How the CLI fails: usage mistakes (exit 2, with the usage text) versus
 * everything else (exit 1), and the one-line message a person reads.
 */
import { toErrorBody } from '../core/index.js'
import { PeerShareApiError } from '../../shared/index.js'

/** The command line itself is wrong: unknown command or option, missing argument, bad value. */
export class UsageError extends Error {
  readonly code = 'bad-request'
  constructor (message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

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
