/**
 * The one IPC contract between the Electron main process and the preload:
 * every channel name and the shape of what travels on it. Both sides import
 * the names from here and nowhere else, so a channel cannot be bound on one
 * side and forgotten on the other (GitHub Desktop's ipc-shared.ts is the
 * model). The commands themselves are the shared contract's API_COMMANDS;
 * this file only says how they travel over Electron IPC.
 *
 * Kept free of runtime imports from 'electron' so the sandboxed preload
 * bundle and the Node unit tests can both load it.
 */
import { API_COMMANDS, type ApiCommandName, type ApiErrorBody } from '../../shared/index.js'

/** Prefix of every channel PeerShare uses; nothing else is ever bound. */
export const CHANNEL_PREFIX = 'peershare:'

/** `peershare:api:<command>`: invoke → IpcResult of that command's response. */
export function apiChannel (command: ApiCommandName): string {
  return `${CHANNEL_PREFIX}api:${command}`
}

/** Every command's channel, in API_COMMANDS order. */
export const API_CHANNELS: Readonly<Record<ApiCommandName, string>> = Object.freeze(
  Object.fromEntries(API_COMMANDS.map(command => [command, apiChannel(command)])) as Record<ApiCommandName, string>
)

/** main → renderer: one PeerShareEvent per message. */
export const EVENT_CHANNEL = `${CHANNEL_PREFIX}event`

/** The desktop-only channels, by what they do and which way they go. */
export const DESKTOP_CHANNELS = Object.freeze({
  /** invoke(kind: 'files' | 'folder') → IpcResult<string[]>: the native open dialog. */
  pickPaths: `${CHANNEL_PREFIX}desktop:pick-paths`,
  /** main → renderer: a well-formed `peershare://` link the system handed to the app. */
  openLink: `${CHANNEL_PREFIX}desktop:open-link`,
  /** renderer → main (send): the page now listens for links; queued ones may be delivered. */
  openLinkReady: `${CHANNEL_PREFIX}desktop:open-link-ready`,
  /** sendSync() → IpcResult<HostInfo>: which host and profile the window shows, read once by the preload. */
  hostInfo: `${CHANNEL_PREFIX}desktop:host-info`
} as const)

/** Channels the renderer may invoke (request/response). */
export const INVOKE_CHANNELS: readonly string[] = Object.freeze([
  ...Object.values(API_CHANNELS),
  DESKTOP_CHANNELS.pickPaths
])

/** Channels the renderer may send to without waiting for an answer (send / sendSync). */
export const SEND_CHANNELS: readonly string[] = Object.freeze([
  DESKTOP_CHANNELS.openLinkReady,
  DESKTOP_CHANNELS.hostInfo
])

/**
 * What every invoke (and the host-info sendSync) answers. Errors travel as
 * data, never as a rejected invoke: Electron would flatten a thrown error
 * into a string that loses its code.
 */
export type IpcResult<T> =
  | { readonly ok: true, readonly value: T }
  | { readonly ok: false, readonly error: ApiErrorBody }

/** Whether something received over IPC has the shape of an IpcResult. */
export function isIpcResult (value: unknown): value is IpcResult<unknown> {
  if (value == null || typeof value !== 'object') return false
  const v = value as { ok?: unknown, error?: { code?: unknown, message?: unknown } }
  if (v.ok === true) return 'value' in v
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error?.message === 'string'
}
