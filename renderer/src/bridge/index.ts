/**
 * Picks the renderer's bridge to its host: the one an Electron preload put
 * on `window.peershare`, else an HTTP/WebSocket bridge to the daemon that
 * served this page, authorised by the token from the URL. The rest of the
 * UI receives a `HostConnection` and never asks which one it got.
 */
import { API_COMMANDS, BRIDGE_GLOBAL, PeerShareApiError, toApiError, type PeerShareApi, type PeerShareBridge } from '../../../shared/index.js'
import { createHttpBridge, type ConnectionState } from './http-bridge.js'
import { forgetToken, takeToken } from './token.js'

export type { ConnectionState }

/** A bridge plus, where the transport can drop, a way to watch it. */
export interface HostConnection {
  readonly bridge: PeerShareBridge
  /** Present for transports that can drop and come back (the browser's WebSocket). */
  readonly events?: {
    readonly state: ConnectionState
    onState: (listener: (state: ConnectionState) => void) => () => void
  }
}

/** How the UI starts: with a host, or with a page explaining why not. */
export type Startup =
  | { readonly kind: 'ready', readonly connection: HostConnection }
  | { readonly kind: 'no-token' }
  | { readonly kind: 'bad-token', readonly message: string }
  | { readonly kind: 'unreachable', readonly message: string }

/** Finds the host; in a browser, checks the token with one `status` call (which also names the profile). */
export async function connectToHost (): Promise<Startup> {
  const preload = (window as unknown as Record<string, PeerShareBridge | undefined>)[BRIDGE_GLOBAL]
  if (preload != null) return { kind: 'ready', connection: { bridge: withApiErrors(preload) } }

  const token = takeToken()
  if (token == null) return { kind: 'no-token' }
  const http = createHttpBridge({ origin: window.location.origin, token })
  try {
    const status = await http.api.status({})
    const bridge: PeerShareBridge = {
      host: { kind: 'browser', profile: status.profile },
      api: http.api,
      subscribe: http.subscribe
    }
    return { kind: 'ready', connection: { bridge, events: http.events } }
  } catch (err) {
    if (err instanceof PeerShareApiError && err.code === 'unauthorized') {
      forgetToken()
      return { kind: 'bad-token', message: err.message }
    }
    return { kind: 'unreachable', message: (err as Error).message }
  }
}

/**
 * The preload's commands reject with a plain `{ code, message }` (an Error
 * would lose its code crossing contextBridge); rebuild them as
 * PeerShareApiError so the UI handles both hosts' errors alike.
 */
function withApiErrors (preload: PeerShareBridge): PeerShareBridge {
  const api: Record<string, (req: never) => Promise<unknown>> = {}
  for (const command of API_COMMANDS) {
    const call = preload.api[command] as (req: never) => Promise<unknown>
    api[command] = async (req: never) => {
      try {
        return await call(req)
      } catch (err) {
        throw toApiError(err)
      }
    }
  }
  return { host: preload.host, api: api as unknown as PeerShareApi, subscribe: preload.subscribe, desktop: preload.desktop }
}
