/**
 * The desktop app, put together: the profile's engine and loopback API
 * (electron/host's runDaemon, so `peershare status --profile DIR` reaches a
 * running app too), the window, the IPC binding, the link inbox, the tray
 * and the completion notifications. Started once the app is ready, stopped
 * in reverse order before it quits. Takes Electron's modules as components
 * so main.ts stays a short list of wiring.
 */
import type { App, BrowserWindow, Dialog, Menu, NativeImage, Shell, Tray } from 'electron'
import type { Startable } from '@libp2p/interface'
import { logger } from '@libp2p/logger'
import { runDaemon, type RunningDaemon } from '../host/index.js'
import type { DesktopArgs } from './desktop-args.js'
import { windowTitle } from './desktop-args.js'
import { createDesktopServices } from './desktop-services.js'
import { IpcBinding, type IpcBindingComponents } from './ipc-binding.js'
import type { LinkInbox } from './link-inbox.js'
import { openMainWindow } from './main-window.js'
import { CompletionNotifier, type NotificationClass } from './notifications.js'
import { TrayController } from './tray.js'

const log = logger('peershare:desktop')

export interface DesktopAppComponents {
  app: Pick<App, 'quit'>
  BrowserWindow: typeof BrowserWindow
  ipcMain: IpcBindingComponents['ipcMain']
  dialog: Pick<Dialog, 'showOpenDialog'>
  shell: Pick<Shell, 'showItemInFolder'>
  Tray: new (image: NativeImage | string) => Pick<Tray, 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>
  Menu: Pick<typeof Menu, 'buildFromTemplate'>
  Notification: NotificationClass
  links: LinkInbox
}

export interface DesktopAppInit {
  args: DesktopArgs
  preloadPath: string
  /** Window and notification icon. */
  iconPath?: string
  /** Tray image, sized for the platform. */
  trayIcon: NativeImage | string
  devTools?: boolean
}

/** One running PeerShare desktop instance. */
export class DesktopApp implements Startable {
  readonly #components: DesktopAppComponents
  readonly #init: DesktopAppInit
  #daemon: RunningDaemon | undefined
  #window: BrowserWindow | undefined
  #binding: IpcBinding | undefined
  #tray: TrayController | undefined
  #notifier: CompletionNotifier | undefined

  constructor (components: DesktopAppComponents, init: DesktopAppInit) {
    this.#components = components
    this.#init = init
  }

  isStarted (): boolean {
    return this.#daemon != null
  }

  /** Starts the engine and its API, binds IPC, opens the window, then the tray and notifications. */
  async start (): Promise<void> {
    if (this.isStarted()) return
    const { args } = this.#init
    const c = this.#components
    const daemon = await runDaemon({
      engine: { profileDir: args.profileDir, ...args.node, reveal: async path => { c.shell.showItemInFolder(path) } },
      handleSignals: false
    })
    this.#daemon = daemon
    log('engine %s running for %s; API at %s', daemon.info.peerId, args.profileDir, daemon.info.api)

    this.#binding = new IpcBinding({
      ipcMain: c.ipcMain,
      engine: daemon.engine,
      contents: () => this.#liveWindow()?.webContents ?? null,
      desktop: createDesktopServices({ dialog: c.dialog, window: () => this.#liveWindow() ?? null }),
      links: c.links
    }, { host: { kind: 'electron', profile: args.profileName } })
    await this.#binding.start()

    this.showWindow()

    this.#tray = new TrayController({ Tray: c.Tray, Menu: c.Menu, engine: daemon.engine }, {
      icon: this.#init.trayIcon,
      profileName: args.profileName,
      onShow: () => { this.showWindow() },
      onQuit: () => { c.app.quit() }
    })
    this.#notifier = new CompletionNotifier({ Notification: c.Notification, engine: daemon.engine }, {
      icon: this.#init.iconPath,
      onClick: path => {
        this.showWindow()
        if (path != null) c.shell.showItemInFolder(path)
      }
    })
    // The window works without them; a desktop without a tray or notifications only loses the extras.
    await this.#tray.start().catch(err => { log.error('no tray icon: %s', (err as Error)?.message) })
    await this.#notifier.start().catch(err => { log.error('no notifications: %s', (err as Error)?.message) })
  }

  /** Stops in reverse order: notifications, tray, window, IPC, then the engine and its API; idempotent. */
  async stop (): Promise<void> {
    await this.#notifier?.stop()
    await this.#tray?.stop()
    const window = this.#liveWindow()
    this.#window = undefined
    window?.destroy()
    await this.#binding?.stop()
    this.#notifier = this.#tray = this.#binding = undefined
    const daemon = this.#daemon
    this.#daemon = undefined
    await daemon?.stop()
  }

  /** Brings the window to the front, opening it again if it was closed. */
  showWindow (): void {
    if (!this.isStarted()) return
    const existing = this.#liveWindow()
    if (existing != null) {
      if (existing.isMinimized()) existing.restore()
      existing.show()
      existing.focus()
      return
    }
    const { args } = this.#init
    const window = openMainWindow(this.#components.BrowserWindow, {
      title: windowTitle(args.profileName),
      preloadPath: this.#init.preloadPath,
      iconPath: this.#init.iconPath,
      devTools: this.#init.devTools
    })
    // A reload or a crashed page no longer listens for links until its new page says so.
    window.webContents.on('did-start-loading', () => { this.#components.links.detach() })
    window.webContents.on('render-process-gone', (_event, details) => {
      log.error('the window\'s page went away (%s)', details.reason)
      this.#components.links.detach()
    })
    window.on('closed', () => {
      if (this.#window === window) this.#window = undefined
      this.#components.links.detach()
    })
    this.#window = window
  }

  /** The engine's daemon info (pid, PeerId, addresses, API URL), once started. */
  get info (): RunningDaemon['info'] | undefined {
    return this.#daemon?.info
  }

  #liveWindow (): BrowserWindow | undefined {
    const window = this.#window
    return window == null || window.isDestroyed() ? undefined : window
  }
}
