/**
 * The bridge a browser UI builds for itself when no desktop host provides
 * one: the commands go through the contract's one HTTP client
 * (shared/api-client.ts) to the page's own origin (the daemon's loopback
 * endpoint) with the token as the secret, and events arrive over the
 * self-healing WebSocket in event-socket.ts. Errors are PeerShareApiError,
 * exactly as the desktop host throws them.
 */
import { createApiClient, type PeerShareApi, type PeerShareBridge } from '../../../shared/index.js'
import { EventSocket, type ConnectionState } from './event-socket.js'

/** What the page tells a person when the daemon that served it cannot be reached. */
const UNREACHABLE_HINT = 'Is PeerShare still running? This page reconnects by itself once it is back.'

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
  const api = createApiClient({ url: init.origin, secret: init.token, unreachableHint: UNREACHABLE_HINT })
  return {
    api,
    subscribe: listener => socket.subscribe(listener),
    events: socket
  }
}
