/**
 * Binds the PeerShare contract to Electron IPC in the main process: one
 * `ipcMain.handle` per command in API_COMMANDS plus the desktop channels of
 * ipc-channels.ts, and nothing else. Every message's sender is checked
 * first (trusted-sender.ts); refusals are answered as errors and logged.
 * Commands go to the engine's api and come back as IpcResult, errors as
 * `{ code, message }`; engine events are pushed to the window.
 *
 * Electron's objects arrive as narrow injected parts, so the whole binding
 * is exercised under Node with stand-ins.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron'
import type { Startable } from '@libp2p/interface'
import { logger } from '@libp2p/logger'
import { toErrorBody, type Engine } from '../core/index.js'
import { API_COMMANDS, type HostInfo, type PeerShareEvent } from '../../shared/index.js'
import { API_CHANNELS, DESKTOP_CHANNELS, EVENT_CHANNEL, type IpcResult } from './ipc-channels.js'
import { BadDesktopRequestError, UntrustedSenderError } from './errors.js'
import type { LinkInbox } from './link-inbox.js'
import { checkSender, type IpcEventLike, type SenderLike } from './trusted-sender.js'

/** The window's webContents as the binding uses it: to check senders and push messages. */
export interface BoundContents extends SenderLike {
  send: (channel: string, ...args: unknown[]) => void
  isDestroyed: () => boolean
}

/**
 * What only a desktop can do, done with Electron's dialog (desktop-services.ts).
 * Showing a download in its folder is the contract's showInFolder, which
 * the engine does through the shell the desktop app gives it.
 */
export interface DesktopServices {
  pickPaths: (kind: 'files' | 'folder') => Promise<readonly string[]>
}

export interface IpcBindingComponents {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>
  engine: Pick<Engine, 'api' | 'subscribe'>
  /** The PeerShare window's webContents, or null while there is none. */
  contents: () => BoundContents | null
  desktop: DesktopServices
  links: Pick<LinkInbox, 'attach'>
}

export interface IpcBindingInit {
  /** What the preload reads once for `bridge.host`. */
  host: HostInfo
  /** Where refusals are reported; default the `peershare:desktop:ipc` logger's error stream. */
  report?: (message: string) => void
}

/** The IPC binding of one engine to one window. */
export class IpcBinding implements Startable {
  readonly #components: IpcBindingComponents
  readonly #host: HostInfo
  readonly #report: (message: string) => void
  readonly #onHostInfo = (event: IpcMainEvent): void => { this.#answerHostInfo(event) }
  readonly #onOpenLinkReady = (event: IpcMainEvent): void => { this.#attachLinks(event) }
  #unsubscribe: (() => void) | undefined

  constructor (components: IpcBindingComponents, init: IpcBindingInit) {
    this.#components = components
    this.#host = Object.freeze({ ...init.host })
    const log = logger('peershare:desktop:ipc')
    this.#report = init.report ?? ((message: string) => { log.error(message) })
  }

  isStarted (): boolean {
    return this.#unsubscribe != null
  }

  /** Registers every channel and starts pushing events; idempotent. */
  async start (): Promise<void> {
    if (this.isStarted()) return
    const { ipcMain, engine } = this.#components
    for (const command of API_COMMANDS) {
      const channel = API_CHANNELS[command]
      ipcMain.handle(channel, async (event: IpcMainInvokeEvent, req: unknown) => {
        return await this.#guarded(channel, event, async () => {
          const api = engine.api as Record<string, (req: unknown) => Promise<unknown>>
          return await api[command](normaliseRequest(req))
        })
      })
    }
    ipcMain.handle(DESKTOP_CHANNELS.pickPaths, async (event: IpcMainInvokeEvent, kind: unknown) => {
      return await this.#guarded(DESKTOP_CHANNELS.pickPaths, event, async () => {
        if (kind !== 'files' && kind !== 'folder') throw new BadDesktopRequestError('pickPaths takes "files" or "folder".')
        return [...await this.#components.desktop.pickPaths(kind)]
      })
    })
    ipcMain.on(DESKTOP_CHANNELS.hostInfo, this.#onHostInfo)
    ipcMain.on(DESKTOP_CHANNELS.openLinkReady, this.#onOpenLinkReady)
    this.#unsubscribe = engine.subscribe(event => { this.#push(EVENT_CHANNEL, event) })
  }

  /** Removes every channel and stops pushing events; safe when not started. */
  async stop (): Promise<void> {
    if (!this.isStarted()) return
    const { ipcMain } = this.#components
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    for (const command of API_COMMANDS) ipcMain.removeHandler(API_CHANNELS[command])
    ipcMain.removeHandler(DESKTOP_CHANNELS.pickPaths)
    ipcMain.removeListener(DESKTOP_CHANNELS.hostInfo, this.#onHostInfo)
    ipcMain.removeListener(DESKTOP_CHANNELS.openLinkReady, this.#onOpenLinkReady)
  }

  /** Runs `work` for a trusted sender; any refusal or failure becomes `{ ok: false, error }`. */
  async #guarded<T> (channel: string, event: IpcEventLike, work: () => Promise<T>): Promise<IpcResult<T>> {
    const refusal = this.#refusal(channel, event)
    if (refusal != null) return { ok: false, error: toErrorBody(refusal) }
    try {
      return { ok: true, value: await work() }
    } catch (err) {
      return { ok: false, error: toErrorBody(err) }
    }
  }

  /** Null when the sender is trusted; otherwise the error to answer with, after logging it. */
  #refusal (channel: string, event: IpcEventLike): UntrustedSenderError | null {
    const verdict = checkSender(event, this.#liveContents())
    if (verdict.trusted) return null
    this.#report(`refused IPC on ${channel}: ${verdict.reason}`)
    return new UntrustedSenderError(channel, verdict.reason)
  }

  #answerHostInfo (event: IpcMainEvent): void {
    const refusal = this.#refusal(DESKTOP_CHANNELS.hostInfo, event)
    event.returnValue = refusal == null
      ? { ok: true, value: this.#host } satisfies IpcResult<HostInfo>
      : { ok: false, error: toErrorBody(refusal) } satisfies IpcResult<HostInfo>
  }

  #attachLinks (event: IpcMainEvent): void {
    if (this.#refusal(DESKTOP_CHANNELS.openLinkReady, event) != null) return
    this.#components.links.attach(link => { this.#push(DESKTOP_CHANNELS.openLink, link) })
  }

  #push (channel: string, payload: PeerShareEvent | string): void {
    this.#liveContents()?.send(channel, payload)
  }

  #liveContents (): BoundContents | null {
    const contents = this.#components.contents()
    return contents == null || contents.isDestroyed() ? null : contents
  }
}

/** A command's request as the engine expects it: an object; nothing sent means `{}`. */
function normaliseRequest (req: unknown): unknown {
  if (req == null) return {}
  if (typeof req !== 'object' || Array.isArray(req)) throw new BadDesktopRequestError('A command takes one object as its request.')
  return req
}
