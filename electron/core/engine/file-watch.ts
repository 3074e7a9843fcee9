/**
 * Keeps what PeerShare says about files on disk true while it runs: now and
 * then it looks whether every share's files are still where they were shared
 * from (a missing share is withdrawn from the DHT and served again, and
 * announced, once its files are back) and whether finished downloads are
 * still where they were saved. People delete and move files without telling
 * PeerShare; a look every few seconds costs a stat per file.
 */
import { FILE_CHECK_INTERVAL } from '../defaults.js'
import { log } from '../logger.js'
import type { TransferRegistry } from './transfer-registry.js'
import type { Library } from '../library/library.js'
import type { Startable } from '@libp2p/interface'

const logger = log('engine:files')

export interface FileWatchComponents {
  library: Pick<Library, 'checkFiles'>
  transfers: Pick<TransferRegistry, 'checkFiles'>
  /** A share's files went or came back: it is withdrawn or announced again. */
  servingChanged(root: string): Promise<void>
}

export interface FileWatchInit {
  /** How long between two looks, ms. Default FILE_CHECK_INTERVAL (3 s). */
  interval?: number
}

export class FileWatch implements Startable {
  private readonly components: FileWatchComponents
  private readonly interval: number
  private timer?: ReturnType<typeof setTimeout>
  private running = false
  /** The look under way, so stop() can wait for it. */
  private looking: Promise<void> = Promise.resolve()

  constructor (components: FileWatchComponents, init: FileWatchInit = {}) {
    this.components = components
    this.interval = init.interval ?? FILE_CHECK_INTERVAL
  }

  start (): void {
    if (this.running) return
    this.running = true
    this.schedule()
  }

  async stop (): Promise<void> {
    this.running = false
    clearTimeout(this.timer)
    this.timer = undefined
    await this.looking
  }

  /** Looks now (a look under way is waited for first); resolves once done. */
  async check (): Promise<void> {
    const look = this.looking.then(async () => { await this.look() })
    this.looking = look
    await look
  }

  /** The next look starts an interval after the last one ended, so looks never pile up on a slow disk. */
  private schedule (): void {
    if (!this.running) return
    this.timer = setTimeout(() => {
      void this.check().finally(() => { this.schedule() })
    }, this.interval)
    this.timer.unref()
  }

  private async look (): Promise<void> {
    try {
      for (const root of await this.components.library.checkFiles()) await this.components.servingChanged(root)
      await this.components.transfers.checkFiles()
    } catch (err) {
      logger.error('looking at shared and downloaded files failed: %e', err)
    }
  }
}
