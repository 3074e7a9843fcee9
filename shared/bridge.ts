/**
 * What a host puts in the renderer's hands: the contract's commands, its
 * event stream, and a few desktop-only conveniences. The Electron preload
 * exposes one of these on `window.peershare`; in a browser the renderer
 * builds one over the loopback HTTP/WebSocket API. The UI codes against this
 * interface only, so it cannot tell which host it runs in.
 */
import type { PeerShareApi } from './api.js'
import type { PeerShareEvent } from './events.js'

/** The global name the Electron preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'peershare'

/** Which host the UI runs in and which profile it shows. */
export interface HostInfo {
  readonly kind: 'electron' | 'browser'
  /** The profile's name, shown in the window title. */
  readonly profile: string
}

/** Things only a desktop host can do for the UI; absent in a browser. */
export interface DesktopBridge {
  /** Native open dialog; resolves to absolute paths, empty when cancelled. */
  pickPaths: (kind: 'files' | 'folder') => Promise<readonly string[]>
  /** The absolute path of a file dropped on the window. */
  pathForFile: (file: File) => string
  /**
   * Receive `peershare://` links the system hands to the app (protocol
   * handler, a second launch with a link); returns the function that stops it.
   * The UI shows the link's files and lets the person start the download.
   */
  onOpenLink: (listener: (link: string) => void) => () => void
}

/** The renderer's whole view of its host. */
export interface PeerShareBridge {
  readonly host: HostInfo
  readonly api: PeerShareApi
  /** Receive every event; returns the function that stops it. */
  subscribe: (listener: (event: PeerShareEvent) => void) => () => void
  readonly desktop?: DesktopBridge
}

/** The URL fragment key a daemon puts its UI token under (never sent to a server, never in a Referer). */
export const UI_TOKEN_FRAGMENT = 'token'
