/**
 * Builds the PeerShareBridge the preload exposes on `window.peershare`: one
 * named function per contract command, the event subscription, the host
 * info and the desktop conveniences, all over the channels of
 * ipc-channels.ts. The page gets functions and plain data only, never
 * ipcRenderer or an IPC event object, so it can do exactly what the
 * contract allows and nothing more.
 *
 * Takes Electron's ipcRenderer and webUtils as narrow parts, so the bridge
 * is checked under Node with stand-ins; preload.ts passes the real ones.
 */
import type { IpcRenderer, IpcRendererEvent, WebUtils } from 'electron'
import {
  API_COMMANDS, PeerShareApiError,
  type ApiErrorBody, type DesktopBridge, type HostInfo, type PeerShareApi, type PeerShareBridge, type PeerShareEvent
} from '../../shared/index.js'
import { API_CHANNELS, DESKTOP_CHANNELS, EVENT_CHANNEL, isIpcResult } from './ipc-channels.js'

/** The parts of ipcRenderer the bridge uses. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener' | 'send' | 'sendSync'>
/** The part of webUtils the bridge uses. */
export type BridgeWebUtils = Pick<WebUtils, 'getPathForFile'>

/** Builds the bridge; reads the host info once, synchronously, so `bridge.host` is plain data. */
export function createBridge (ipc: BridgeIpc, webUtils: BridgeWebUtils): PeerShareBridge {
  const host = readHostInfo(ipc)
  const events = new ListenerSet<PeerShareEvent>(ipc, EVENT_CHANNEL)
  const links = new ListenerSet<string>(ipc, DESKTOP_CHANNELS.openLink, () => { ipc.send(DESKTOP_CHANNELS.openLinkReady) })

  const api: Record<string, (req: unknown) => Promise<unknown>> = {}
  for (const command of API_COMMANDS) {
    const channel = API_CHANNELS[command]
    api[command] = async function callCommand (req: unknown): Promise<unknown> {
      return await call(ipc, channel, req ?? {})
    }
  }

  const desktop: DesktopBridge = Object.freeze({
    pickPaths: async function pickPaths (kind: 'files' | 'folder'): Promise<readonly string[]> {
      return await call(ipc, DESKTOP_CHANNELS.pickPaths, kind) as string[]
    },
    pathForFile: function pathForFile (file: File): string {
      return webUtils.getPathForFile(file)
    },
    onOpenLink: function onOpenLink (listener: (link: string) => void): () => void {
      return links.add(listener)
    }
  })

  return Object.freeze({
    host,
    api: Object.freeze(api) as PeerShareApi,
    subscribe: function subscribe (listener: (event: PeerShareEvent) => void): () => void {
      return events.add(listener)
    },
    desktop
  })
}

/**
 * Invokes a channel and unwraps its IpcResult. A failure is rejected as a
 * frozen plain `{ code, message }`: contextBridge copies plain objects into
 * the page intact but strips an Error's own fields, so an Error would lose
 * its code on the way. The page rebuilds it with toApiError (shared/errors.ts).
 */
async function call (ipc: BridgeIpc, channel: string, arg: unknown): Promise<unknown> {
  let result: unknown
  try {
    result = await ipc.invoke(channel, arg)
  } catch (err) {
    throw failure({ code: 'internal', message: `PeerShare's main process did not answer: ${(err as Error)?.message ?? String(err)}` })
  }
  if (!isIpcResult(result)) throw failure({ code: 'internal', message: `PeerShare's main process sent a malformed answer on ${channel}.` })
  if (!result.ok) throw failure(result.error)
  return result.value
}

function failure (body: ApiErrorBody): ApiErrorBody {
  return Object.freeze({ code: body.code, message: body.message })
}

function readHostInfo (ipc: BridgeIpc): HostInfo {
  const result: unknown = ipc.sendSync(DESKTOP_CHANNELS.hostInfo)
  if (!isIpcResult(result)) throw new PeerShareApiError({ code: 'internal', message: 'PeerShare\'s main process did not say which profile this window shows.' })
  if (!result.ok) throw new PeerShareApiError(result.error)
  const info = result.value as Partial<HostInfo>
  return Object.freeze({ kind: 'electron', profile: typeof info?.profile === 'string' ? info.profile : '' })
}

/**
 * The page's listeners for one push channel, behind a single ipcRenderer
 * listener that hands them the payload only (never the IPC event).
 */
class ListenerSet<T> {
  readonly #ipc: BridgeIpc
  readonly #channel: string
  readonly #onFirst: (() => void) | undefined
  readonly #listeners = new Set<(payload: T) => void>()
  readonly #relay = (_event: IpcRendererEvent, payload: T): void => {
    for (const listener of [...this.#listeners]) {
      try {
        listener(payload)
      } catch (err) {
        // One failing listener must not starve the others; the page's console shows it.
        queueMicrotask(() => { throw err })
      }
    }
  }

  constructor (ipc: BridgeIpc, channel: string, onFirst?: () => void) {
    this.#ipc = ipc
    this.#channel = channel
    this.#onFirst = onFirst
  }

  add (listener: (payload: T) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('A listener must be a function.')
    const wrapped = (payload: T): void => { listener(payload) }
    if (this.#listeners.size === 0) this.#ipc.on(this.#channel, this.#relay)
    this.#listeners.add(wrapped)
    if (this.#listeners.size === 1) this.#onFirst?.()
    let removed = false
    return () => {
      if (removed) return
      removed = true
      this.#listeners.delete(wrapped)
      if (this.#listeners.size === 0) this.#ipc.removeListener(this.#channel, this.#relay)
    }
  }
}
