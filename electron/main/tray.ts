/**
 * The tray icon: a tooltip and a context menu summarising the instance
 * (active downloads, total rates, shares; activity-summary.ts decides the
 * words), with Show window and Quit. Redrawn from the engine's events at
 * most once per interval, since 'stats' alone arrives every second and
 * transfers report far more often.
 */
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron'
import type { Startable } from '@libp2p/interface'
import { logger } from '@libp2p/logger'
import type { Engine } from '../core/index.js'
import { applyActivityEvent, EMPTY_ACTIVITY, seedActivity, summarizeActivity, type ActivityState } from './activity-summary.js'

const log = logger('peershare:desktop:tray')

export interface TrayControllerComponents {
  /** Electron's Tray class. */
  Tray: new (image: NativeImage | string) => Pick<Tray, 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>
  Menu: Pick<typeof Menu, 'buildFromTemplate'>
  engine: Pick<Engine, 'api' | 'subscribe'>
}

export interface TrayControllerInit {
  /** The tray image (already sized for the platform). */
  icon: NativeImage | string
  profileName: string
  /** Brings the window back (or reopens it). */
  onShow: () => void
  /** Quits the app. */
  onQuit: () => void
  /** Least time between redraws, ms; default 1000. */
  redrawIntervalMs?: number
}

/** The tray icon of one instance. */
export class TrayController implements Startable {
  readonly #components: TrayControllerComponents
  readonly #init: TrayControllerInit
  readonly #interval: number
  #tray: Pick<Tray, 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'> | undefined
  #state: ActivityState = EMPTY_ACTIVITY
  #drawn: string | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #lastDraw = 0
  #unsubscribe: (() => void) | undefined

  constructor (components: TrayControllerComponents, init: TrayControllerInit) {
    this.#components = components
    this.#init = init
    this.#interval = init.redrawIntervalMs ?? 1000
  }

  isStarted (): boolean {
    return this.#tray != null
  }

  async start (): Promise<void> {
    if (this.isStarted()) return
    const { engine } = this.#components
    const pending: Parameters<typeof applyActivityEvent>[1][] = []
    // Events that arrive while the lists load are applied on top of them.
    this.#unsubscribe = engine.subscribe(event => {
      if (this.#tray == null) {
        pending.push(event)
        return
      }
      const next = applyActivityEvent(this.#state, event)
      if (next !== this.#state) {
        this.#state = next
        this.#schedule()
      }
    })
    try {
      const [shares, transfers] = await Promise.all([engine.api.shares({}), engine.api.transfers({})])
      this.#state = pending.reduce(applyActivityEvent, seedActivity(shares, transfers))
    } catch (err) {
      log.error('could not read shares and transfers for the tray: %s', (err as Error)?.message)
    }
    const tray = new this.#components.Tray(this.#init.icon)
    tray.on('click', () => { this.#init.onShow() })
    this.#tray = tray
    this.#draw()
  }

  async stop (): Promise<void> {
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    if (this.#timer != null) clearTimeout(this.#timer)
    this.#timer = undefined
    this.#tray?.destroy()
    this.#tray = undefined
    this.#drawn = undefined
  }

  #schedule (): void {
    if (this.#timer != null) return
    const wait = Math.max(0, this.#lastDraw + this.#interval - Date.now())
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#draw()
    }, wait)
  }

  #draw (): void {
    const tray = this.#tray
    if (tray == null) return
    this.#lastDraw = Date.now()
    const summary = summarizeActivity(this.#state, this.#init.profileName)
    // The menu is rebuilt only when its words change; rates change often, so this is mostly about idle times.
    if (summary.tooltip === this.#drawn) return
    this.#drawn = summary.tooltip
    tray.setToolTip(summary.tooltip)
    const template: MenuItemConstructorOptions[] = [
      ...summary.lines.map(label => ({ label, enabled: false })),
      { type: 'separator' },
      { label: 'Show window', click: () => { this.#init.onShow() } },
      { label: 'Quit PeerShare', click: () => { this.#init.onQuit() } }
    ]
    tray.setContextMenu(this.#components.Menu.buildFromTemplate(template))
  }
}
