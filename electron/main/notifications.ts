/**
 * "Download complete" notifications through Electron's Notification, when
 * the platform supports them: one per finished transfer, as
 * completion-notices.ts decides. Clicking one reveals the download.
 */
import type { Notification, NotificationConstructorOptions } from 'electron'
import type { Startable } from '@libp2p/interface'
import { logger } from '@libp2p/logger'
import type { Engine } from '../core/index.js'
import { CompletionWatch } from './completion-notices.js'

const log = logger('peershare:desktop:notifications')

/** Electron's Notification class, as far as this module uses it. */
export interface NotificationClass {
  new (options: NotificationConstructorOptions): Pick<Notification, 'show' | 'on'>
  isSupported: () => boolean
}

export interface CompletionNotifierComponents {
  Notification: NotificationClass
  engine: Pick<Engine, 'api' | 'subscribe'>
}

export interface CompletionNotifierInit {
  /** Called when a notification is clicked, with the finished download's path when known. */
  onClick: (path: string | undefined) => void
  /** Notification icon; default none. */
  icon?: string
}

/** Shows a notification for each download that completes while the app runs. */
export class CompletionNotifier implements Startable {
  readonly #components: CompletionNotifierComponents
  readonly #init: CompletionNotifierInit
  readonly #watch = new CompletionWatch()
  #unsubscribe: (() => void) | undefined

  constructor (components: CompletionNotifierComponents, init: CompletionNotifierInit) {
    this.#components = components
    this.#init = init
  }

  isStarted (): boolean {
    return this.#unsubscribe != null
  }

  async start (): Promise<void> {
    if (this.isStarted()) return
    const { Notification, engine } = this.#components
    if (!Notification.isSupported()) {
      log('notifications are not supported here; finished downloads are shown in the window only')
      return
    }
    this.#watch.seed(await engine.api.transfers({}).catch(() => []))
    this.#unsubscribe = engine.subscribe(event => {
      const notice = this.#watch.onEvent(event)
      if (notice == null) return
      const notification = new Notification({
        title: notice.title,
        body: notice.body,
        ...(this.#init.icon != null ? { icon: this.#init.icon } : {})
      })
      notification.on('click', () => { this.#init.onClick(notice.path) })
      notification.show()
    })
  }

  async stop (): Promise<void> {
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
  }
}
