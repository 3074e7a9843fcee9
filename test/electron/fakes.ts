/**
 * FAKES standing in for Electron's main- and renderer-process objects,
 * which need the Electron binary: just enough of ipcMain, ipcRenderer,
 * webContents, WebFrameMain and webUtils to drive the IPC binding and the
 * preload bridge under Node. They behave like Electron where the code under
 * test relies on it (one handler per channel, listeners receive an event
 * object first) and record what happened for the assertions.
 */
import type { IpcMain, IpcRenderer, WebUtils } from 'electron'
import { APP_ENTRY_URL } from '../../electron/main/app-origin.js'
import type { BoundContents } from '../../electron/main/ipc-binding.js'
import type { FrameLike, IpcEventLike } from '../../electron/main/trusted-sender.js'

type Handler = (event: any, ...args: any[]) => unknown
type Listener = (event: any, ...args: any[]) => void

/** FakeFrame — stands in for Electron's WebFrameMain. */
export class FakeFrame implements FrameLike {
  constructor (
    public url: string,
    readonly processId: number,
    readonly routingId: number,
    readonly parent: FrameLike | null = null
  ) {}
}

/** FakeWebContents — stands in for a window's webContents: its id, its main frame, and what main sent it. */
export class FakeWebContents implements BoundContents {
  readonly sent: Array<{ channel: string, args: unknown[] }> = []
  readonly mainFrame: FakeFrame
  destroyed = false

  constructor (readonly id: number, url: string = APP_ENTRY_URL) {
    this.mainFrame = new FakeFrame(url, 100 + id, 1)
  }

  send (channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args })
  }

  isDestroyed (): boolean {
    return this.destroyed
  }

  /** A subframe of this page (an iframe), on our origin unless told otherwise. */
  subframe (url: string = APP_ENTRY_URL): FakeFrame {
    return new FakeFrame(url, this.mainFrame.processId, 2, this.mainFrame)
  }
}

/** An IPC event as Electron would build it for a message from `frame` of `contents`. */
export function fakeEvent (contents: FakeWebContents, frame: FrameLike | null = contents.mainFrame): IpcEventLike & { returnValue?: unknown } {
  return { sender: contents, senderFrame: frame }
}

/** The `on` / `removeListener` half of Electron's IPC objects, shared by the stand-ins below. */
class FakeChannelListeners {
  readonly listeners = new Map<string, Set<Listener>>()

  on (channel: string, listener: Listener): this {
    let set = this.listeners.get(channel)
    if (set == null) this.listeners.set(channel, set = new Set())
    set.add(listener)
    return this
  }

  removeListener (channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener)
    if (this.listeners.get(channel)?.size === 0) this.listeners.delete(channel)
    return this
  }
}

/** FakeIpcMain — stands in for Electron's ipcMain, which needs the Electron binary. */
export class FakeIpcMain extends FakeChannelListeners {
  readonly handlers = new Map<string, Handler>()

  handle (channel: string, handler: Handler): void {
    // Electron refuses a second handler for a channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  }

  removeHandler (channel: string): void {
    this.handlers.delete(channel)
  }

  /** What ipcRenderer.invoke does on the main side: run the channel's handler, or fail like Electron. */
  async invoke (channel: string, event: IpcEventLike, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (handler == null) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`)
    return await handler(event, ...args)
  }

  /** What ipcRenderer.send / sendSync do on the main side; returns event.returnValue. */
  emit (channel: string, event: IpcEventLike & { returnValue?: unknown }, ...args: unknown[]): unknown {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args)
    return event.returnValue
  }

  /** Every channel with a handler or a listener. */
  channels (): string[] {
    return [...this.handlers.keys(), ...this.listeners.keys()].sort()
  }

  /** Typed as the narrow part of ipcMain the binding takes. */
  asIpcMain (): Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'> {
    return this as unknown as Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>
  }
}

/**
 * FakeIpcRenderer — stands in for Electron's ipcRenderer in the preload.
 * By default it is wired to a FakeIpcMain as the main frame of `contents`,
 * so a bridge built on it talks to a real IpcBinding.
 */
export class FakeIpcRenderer extends FakeChannelListeners {
  readonly invoked: Array<{ channel: string, args: unknown[] }> = []
  readonly sentMessages: Array<{ channel: string, args: unknown[] }> = []
  /** The event object listeners receive first; the bridge must never hand it to the page. */
  readonly eventObject = { sender: this, ports: [], senderId: 0, secret: 'ipc-event' }

  constructor (readonly main: FakeIpcMain, readonly contents: FakeWebContents) {
    super()
  }

  async invoke (channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args })
    return await this.main.invoke(channel, fakeEvent(this.contents), ...args)
  }

  send (channel: string, ...args: unknown[]): void {
    this.sentMessages.push({ channel, args })
    this.main.emit(channel, fakeEvent(this.contents), ...args)
  }

  sendSync (channel: string, ...args: unknown[]): unknown {
    this.sentMessages.push({ channel, args })
    return this.main.emit(channel, fakeEvent(this.contents), ...args)
  }

  /** Delivers what main pushed to `contents` (webContents.send) to the preload's listeners. */
  deliverPushes (): void {
    for (const { channel, args } of this.contents.sent.splice(0)) {
      for (const listener of [...this.listeners.get(channel) ?? []]) listener(this.eventObject, ...args)
    }
  }

  asIpcRenderer (): Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener' | 'send' | 'sendSync'> {
    return this as unknown as Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener' | 'send' | 'sendSync'>
  }
}

/** FakeWebUtils — stands in for Electron's webUtils; a "File" here is any object with a path. */
export class FakeWebUtils {
  readonly asked: unknown[] = []

  getPathForFile (file: unknown): string {
    this.asked.push(file)
    return (file as { fakePath: string }).fakePath
  }

  asWebUtils (): Pick<WebUtils, 'getPathForFile'> {
    return this as unknown as Pick<WebUtils, 'getPathForFile'>
  }
}
