/**
 * A client of a headless PeerShare instance for Node callers: the contract's
 * one HTTP client (shared/api-client.ts) plus the event stream, so the CLI
 * and tests use a daemon as if it were an engine. Also finds the daemon of a
 * profile, if a live one runs.
 */
import {
  createApiClient, type ApiClientCommands, type ApiCommandName, type CallOptions, type DaemonInfo, type PeerShareApi, type PeerShareEvent
} from '../../shared/index.js'
import { UNREACHABLE_HINT } from './errors.js'
import { openEventStream, type SubscribeOptions } from './event-stream.js'
import { readDaemonInfo, readSecret, removeDaemonInfo } from './profile-secret.js'

export type { ApiClientCommands, CallOptions, SubscribeOptions }

/** How long a daemon has to answer `status` before findDaemon counts it as not there, ms. */
export const FIND_DAEMON_TIMEOUT = 2_000

export interface ConnectApiInit {
  /** Base URL of the endpoint, e.g. http://127.0.0.1:43121 (DaemonInfo.api). */
  url: string
  /** The profile's API secret. */
  secret: string
  /** Per-command deadlines, ms, in place of the contract's (API_DEADLINES); for tests. */
  timeouts?: Partial<Record<ApiCommandName, number>>
}

/** The contract over HTTP, plus the event stream and a way to let go. */
export type ApiClient = PeerShareApi & ApiClientCommands & {
  /** Streams events to `listener` once the WebSocket is open; resolves to the unsubscribe function. */
  subscribe(listener: (event: PeerShareEvent) => void, options?: SubscribeOptions): Promise<() => void>
  /** Aborts calls in flight and closes every event stream. */
  close(): void
}

/** Builds a client of the endpoint at `url`. Nothing is sent until a command is called. */
export function connectApi (init: ConnectApiInit): ApiClient {
  const http = createApiClient({ url: init.url, secret: init.secret, timeouts: init.timeouts, unreachableHint: UNREACHABLE_HINT })
  const closing = new AbortController()
  const url = new URL(init.url).origin
  return {
    ...http,
    subscribe: async (listener, options) => await openEventStream({ url, secret: init.secret, signal: closing.signal }, listener, options),
    close (): void {
      http.close()
      closing.abort()
    }
  }
}

export interface FindDaemonOptions {
  /** How long the daemon has to answer `status`, ms; default FIND_DAEMON_TIMEOUT. */
  timeoutMs?: number
}

/**
 * Finds the live daemon of a profile: reads its daemon file and secret, and
 * checks that the process is alive and its API answers `status` in time.
 * Returns null when there is none; a daemon file left behind by a dead or
 * unresponsive daemon is removed.
 */
export async function findDaemon (profileDir: string, options: FindDaemonOptions = {}): Promise<{ info: DaemonInfo, client: ApiClient } | null> {
  const info = await readDaemonInfo(profileDir)
  if (info == null) return null

  const stale = async (): Promise<null> => {
    await removeDaemonInfo(profileDir, { pid: info.pid }).catch(() => {})
    return null
  }

  if (!isProcessAlive(info.pid)) return await stale()
  const secret = await readSecret(profileDir)
  if (secret == null) return await stale()

  const client = connectApi({ url: info.api, secret })
  try {
    await client.status({}, { timeoutMs: options.timeoutMs ?? FIND_DAEMON_TIMEOUT })
  } catch {
    client.close()
    // The process lives but its API does not answer here (busy, starting, or in another network
    // namespace): leave its file alone. If it really holds the profile, the caller's own engine
    // will say the profile is in use; if the pid was reused, the caller's engine just works.
    return null
  }
  return { info, client }
}

/** Whether a process with this id exists (it may belong to another user). */
export function isProcessAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
