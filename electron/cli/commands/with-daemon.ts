/**
 * How a read-only command asks the profile's node: through its daemon when
 * one runs, and not at all otherwise. Such a command never starts a node
 * of its own (that would join the network just to answer a question); it
 * reads the profile instead (the engine's readProfileAtRest) and says that
 * no node is running.
 */
import { PeerShareApiError } from '../../../shared/index.js'
import { findDaemon, type ApiClient } from '../../host/index.js'
import type { ProfileCommand } from '../args.js'

/** Runs `fn` against the profile's daemon and lets go of it; null when no daemon runs for the profile. */
export async function withDaemon<T> (command: ProfileCommand, fn: (api: ApiClient) => Promise<T>): Promise<T | null> {
  const found = await findDaemon(command.profile)
  if (found == null) return null
  try {
    return await fn(found.client)
  } finally {
    found.client.close()
  }
}

/** What a read-only command says when no node runs for the profile, and how to start one. */
export function notRunningLine (profile: string): string {
  return `No PeerShare node is running for the profile ${profile}. Start one with \`peershare daemon --profile ${profile}\`.`
}

/**
 * Runs `fn` against the profile's daemon; for views that only a running
 * node has (the DHT inspector), no daemon is an error that says how to
 * start one.
 */
export async function needDaemon<T> (command: ProfileCommand, what: string, fn: (api: ApiClient) => Promise<T>): Promise<T> {
  const result = await withDaemon(command, fn)
  if (result == null) throw new PeerShareApiError({ code: 'not-found', message: `${notRunningLine(command.profile)} ${what} needs a running node.` })
  return result
}
