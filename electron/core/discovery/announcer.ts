/**
 * Announces (provides) roots to the DHT and re-announces them periodically.
 * Announcing waits until the routing table has a peer; the last success or
 * error per root is kept for the DHT view.
 */
import { CID } from 'multiformats/cid'
import { ANNOUNCE_INTERVAL, ANNOUNCE_TICK, ANNOUNCE_TIMEOUT } from '../defaults.js'
import { isAbort } from '../errors.js'
import { log } from '../logger.js'
import type { AbortOptions, Startable } from '@libp2p/interface'

const logger = log('dht:announce')

export interface AnnouncerComponents {
  /** Provides a CID through the DHT. */
  provide(cid: CID, options: AbortOptions): Promise<void>
  /** Peers in the routing table now. */
  routingTableSize(): number
}

export interface AnnouncerInit {
  /** Re-announce every this many ms. Default 10 minutes. */
  interval?: number
  /** How often to look for due announcements, ms. Default 2 s. */
  tick?: number
  /** Deadline of one announcement, ms. Default 30 s. */
  timeout?: number
}

export interface AnnouncementState {
  readonly root: string
  lastAnnouncedAt: number | null
  lastError?: string
  /** When the last attempt failed; retries wait a while after it. */
  failedAt?: number
  running: boolean
}

export class Announcer implements Startable {
  private readonly components: AnnouncerComponents
  private readonly interval: number
  private readonly tick: number
  private readonly timeout: number
  private readonly roots = new Map<string, AnnouncementState>()
  private timer?: ReturnType<typeof setInterval>
  private controller?: AbortController

  constructor (components: AnnouncerComponents, init: AnnouncerInit = {}) {
    this.components = components
    this.interval = init.interval ?? ANNOUNCE_INTERVAL
    this.tick = init.tick ?? ANNOUNCE_TICK
    this.timeout = init.timeout ?? ANNOUNCE_TIMEOUT
  }

  start (): void {
    if (this.timer != null) return
    this.controller = new AbortController()
    this.timer = setInterval(() => { this.announceDue() }, this.tick)
    this.timer.unref()
  }

  stop (): void {
    clearInterval(this.timer)
    this.timer = undefined
    this.controller?.abort()
  }

  /** Adds a root; it is announced as soon as the DHT has peers. */
  add (root: string): void {
    if (!this.roots.has(root)) this.roots.set(root, { root, lastAnnouncedAt: null, running: false })
    this.announceDue()
  }

  remove (root: string): void {
    this.roots.delete(root)
  }

  states (): AnnouncementState[] {
    return [...this.roots.values()]
  }

  private announceDue (): void {
    if (this.controller == null || this.components.routingTableSize() === 0) return
    const now = Date.now()
    for (const s of this.roots.values()) {
      if (s.running || (s.lastAnnouncedAt != null && now - s.lastAnnouncedAt < this.interval)) continue
      // After a failure, wait a tenth of the interval (at least a few ticks) before trying again.
      if (s.failedAt != null && now - s.failedAt < Math.min(this.interval, Math.max(this.tick * 3, this.interval / 10))) continue
      void this.announce(s)
    }
  }

  private async announce (s: AnnouncementState): Promise<void> {
    s.running = true
    const signal = AbortSignal.any([this.controller!.signal, AbortSignal.timeout(this.timeout)])
    try {
      await this.components.provide(CID.parse(s.root), { signal })
      s.lastAnnouncedAt = Date.now()
      s.lastError = undefined
      s.failedAt = undefined
      logger('announced %s', s.root)
    } catch (err) {
      if (isAbort(err) && this.controller?.signal.aborted === true) return
      s.lastError = (err as Error).message
      s.failedAt = Date.now()
      logger('announcing %s failed: %s', s.root, s.lastError)
    } finally {
      s.running = false
    }
  }
}
