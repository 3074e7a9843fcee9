/**
 * The bridge a browser UI builds for itself when no desktop host provides
 * one: each command is `POST /api/<command>` on the page's own origin (the
 * daemon's loopback endpoint) with the token as a Bearer credential, and
 * events arrive over the self-healing WebSocket in event-socket.ts. Errors
 * come back as the contract's `{ code, message }` and are rethrown as
 * PeerShareApiError, exactly as the desktop host would throw them.
 */
import {
  API_COMMANDS, API_PATH_PREFIX, PeerShareApiError, isErrorCode,
  type ApiCommandName, type ApiRequest, type ApiResponse, type PeerShareApi, type PeerShareBridge
} from '../../../shared/index.js'
import { EventSocket, type ConnectionState } from './event-socket.js'

/** Commands that may legitimately take long: hashing a big folder, finding peers. */
const SLOW_COMMANDS: Partial<Record<ApiCommandName, number>> = {
  share: 0,
  lookup: 120_000,
  download: 120_000
}
const DEFAULT_TIMEOUT_MS = 30_000

export interface HttpBridgeInit {
  readonly origin: string
  readonly token: string
}

/** A browser bridge, plus the connection state of its event stream. */
export interface HttpBridge {
  readonly api: PeerShareApi
  readonly subscribe: PeerShareBridge['subscribe']
  readonly events: Pick<EventSocket, 'state' | 'onState'>
}

export type { ConnectionState }

/** Builds the API half and the event half over the loopback endpoint. */
export function createHttpBridge (init: HttpBridgeInit): HttpBridge {
  const socket = new EventSocket({ origin: init.origin, token: init.token })
  const api = Object.fromEntries(API_COMMANDS.map(name => [
    name,
    async (req: ApiRequest<typeof name>) => await call(init, name, req)
  ])) as unknown as PeerShareApi
  return {
    api,
    subscribe: listener => socket.subscribe(listener),
    events: socket
  }
}

async function call<K extends ApiCommandName> (init: HttpBridgeInit, name: K, req: ApiRequest<K>): Promise<ApiResponse<K>> {
  const timeout = SLOW_COMMANDS[name] ?? DEFAULT_TIMEOUT_MS
  let res: Response
  try {
    res = await fetch(new URL(`${API_PATH_PREFIX}${name}`, init.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${init.token}` },
      body: JSON.stringify(req ?? {}),
      cache: 'no-store',
      credentials: 'omit',
      signal: timeout > 0 ? AbortSignal.timeout(timeout) : undefined
    })
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === 'TimeoutError'
    throw new PeerShareApiError({
      code: timedOut ? 'aborted' : 'internal',
      message: timedOut
        ? `PeerShare did not answer "${name}" within ${Math.round(timeout / 1000)} s; try again.`
        : 'Cannot reach PeerShare: is `peershare daemon` still running? Reload this page once it is.'
    })
  }

  let body: unknown
  try {
    body = await res.json()
  } catch {
    throw new PeerShareApiError({ code: 'internal', message: `PeerShare answered "${name}" with something that is not JSON (HTTP ${res.status}).` })
  }
  if (res.ok) return body as ApiResponse<K>
  throw toApiError(body, res.status)
}

/** `{ error: { code, message } }` → PeerShareApiError; anything else becomes an 'internal' one. */
export function toApiError (body: unknown, status: number): PeerShareApiError {
  const error = (body as { error?: { code?: unknown, message?: unknown } } | null)?.error
  const message = typeof error?.message === 'string' && error.message !== '' ? error.message : `PeerShare refused the request (HTTP ${status}).`
  return new PeerShareApiError({ code: isErrorCode(error?.code) ? error.code : 'internal', message })
}
