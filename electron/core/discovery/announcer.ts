/**
 * PeerShare's one schedule of DHT announcements: a root is announced as soon
 * as the routing table has a peer, again every interval, and after a failure
 * a while later. Removing a root stops its announcements for good: a provide
 * in flight is aborted and the DHT's own record of it is withdrawn, so
 * nothing re-announces a root this node no longer serves. The last success
 * or error per root is kept for the DHT view.
 */
import { CID } from 'multiformats/cid'
import { ANNOUNCE_INTERVAL, ANNOUNCE_TICK, ANNOUNCE_TIMEOUT } from '../defaults.js'
import { isAbort } from '../errors.js'
import { log } from '../logger.js'
import type { AbortOptions, Startable } from '@libp2p/interface'

const logger = log('dht:announce')

/** The DHT as the announcer uses it (node/kad.ts). */
export interface AnnouncementRouting {
  /** Announces that this node provides `cid`. */
  provide(cid: CID, options: AbortOptions): Promise<void>
  /** Stops announcing `cid`, including any re-announcement the DHT would make by itself. */
  withdraw(cid: CID, options: AbortOptions): Promise<void>
  /** Peers in the routing table now. */
  routingTableSize(): number
}

export interface AnnouncerComponents {
  routing: AnnouncementRouting
}

export interface AnnouncerInit {
  /** Re-announce every this many ms. Default 10 minutes. */
  interval?: number
  /** How often to look for due announcements, ms. Default 2 s. */
  tick?: number
  /** Deadline of one announcement (and of one withdrawal), ms. Default 30 s. */
  timeout?: number
}

/** One root's announcements, as the DHT view shows them. */
export interface AnnouncementState {
  readonly root: string
  readonly lastAnnouncedAt: number | null
  readonly lastError?: string
}

interface Announcement {
  readonly root: string
  readonly cid: CID
  lastAnnouncedAt: number | null
  lastError?: string
  /** When the last attempt failed; retries wait a while after it. */
  failedAt?: number
  /** The provide in flight, and how to abort it. */
  running?: { readonly controller: AbortController, readonly done: Promise<void> }
}

export class Announcer implements Startable {
  private readonly components: AnnouncerComponents
  private readonly interval: number
  private readonly tick: number
  private readonly timeout: number
  private readonly roots = new Map<string, Announcement>()
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
    this.controller = undefined
  }

  /** Adds a root; it is announced as soon as the DHT has peers. */
  add (root: string): void {
    if (!this.roots.has(root)) this.roots.set(root, { root, cid: CID.parse(root), lastAnnouncedAt: null })
    this.announceDue()
  }

  /** Stops announcing a root; resolves once the DHT's record of it is withdrawn. */
  async remove (root: string): Promise<void> {
    const a = this.roots.get(root)
    if (a == null) return
    this.roots.delete(root)
    a.running?.controller.abort()
    await a.running?.done
    // Added again meanwhile: it is announced once more, so there is nothing to withdraw.
    if (this.roots.has(root)) return
    try {
      await this.components.routing.withdraw(a.cid, { signal: AbortSignal.timeout(this.timeout) })
      logger('withdrew %s', root)
    } catch (err) {
      logger.error('withdrawing %s from the DHT failed: %s', root, (err as Error).message)
    }
  }

  states (): AnnouncementState[] {
    return [...this.roots.values()].map(a => ({ root: a.root, lastAnnouncedAt: a.lastAnnouncedAt, lastError: a.lastError }))
  }

  private announceDue (): void {
    const stopping = this.controller?.signal
    if (stopping == null || this.components.routing.routingTableSize() === 0) return
    const now = Date.now()
    for (const a of this.roots.values()) {
      if (a.running != null || (a.lastAnnouncedAt != null && now - a.lastAnnouncedAt < this.interval)) continue
      // After a failure, wait a tenth of the interval (at least a few ticks) before trying again.
      if (a.failedAt != null && now - a.failedAt < Math.min(this.interval, Math.max(this.tick * 3, this.interval / 10))) continue
      const controller = new AbortController()
      // Started on the next microtask, so `running` is set before the attempt can end.
      a.running = { controller, done: Promise.resolve().then(async () => { await this.announce(a, AbortSignal.any([stopping, controller.signal])) }) }
    }
  }

  /** One attempt; `stopped` aborts when the root is removed or the announcer stops. */
  private async announce (a: Announcement, stopped: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([stopped, AbortSignal.timeout(this.timeout)])
    try {
      await this.components.routing.provide(a.cid, { signal })
      a.lastAnnouncedAt = Date.now()
      a.lastError = undefined
      a.failedAt = undefined
      logger('announced %s', a.root)
    } catch (err) {
      if (isAbort(err) && stopped.aborted) return
      a.lastError = (err as Error).message
      a.failedAt = Date.now()
      logger('announcing %s failed: %s', a.root, a.lastError)
    } finally {
      a.running = undefined
    }
  }
}
