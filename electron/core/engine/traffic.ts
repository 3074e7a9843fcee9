/**
 * Payload traffic: bytes in and out per peer (for the peers view), totals
 * and rates (for the health view), and the once-a-second stats event.
 */
import { STATS_INTERVAL } from '../defaults.js'
import { RateMeter } from '../util/rate-meter.js'
import type { EventHub } from './event-hub.js'
import type { Startable } from '@libp2p/interface'

/** Chunk payload bytes exchanged with one peer. */
export interface PeerCounters {
  readonly bytesIn: number
  readonly bytesOut: number
}

/** Totals and rates in bytes per second. */
export interface TrafficTotals {
  readonly bytesIn: number
  readonly bytesOut: number
  readonly rateIn: number
  readonly rateOut: number
}

export interface TrafficComponents {
  events: Pick<EventHub, 'emit'>
}

export interface TrafficInit {
  /** How often the stats event is sent, ms. Default STATS_INTERVAL (1 s). */
  statsInterval?: number
}

export class Traffic implements Startable {
  private readonly components: TrafficComponents
  private readonly statsInterval: number
  private readonly in = new RateMeter()
  private readonly out = new RateMeter()
  private readonly peers = new Map<string, { bytesIn: number, bytesOut: number }>()
  private timer?: ReturnType<typeof setInterval>

  constructor (components: TrafficComponents, init: TrafficInit = {}) {
    this.components = components
    this.statsInterval = init.statsInterval ?? STATS_INTERVAL
  }

  start (): void {
    if (this.timer != null) return
    this.timer = setInterval(() => {
      this.components.events.emit({ kind: 'stats', ...this.totals(), at: Date.now() })
    }, this.statsInterval)
    this.timer.unref()
  }

  stop (): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  /** A verified chunk's bytes arrived from `peer`. */
  received (peer: string, bytes: number): void {
    this.counters(peer).bytesIn += bytes
    this.in.add(bytes)
  }

  /** A chunk's bytes were served to `peer`. */
  served (peer: string, bytes: number): void {
    this.counters(peer).bytesOut += bytes
    this.out.add(bytes)
  }

  /** What was exchanged with `peer`, if anything. */
  of (peer: string): PeerCounters | undefined {
    return this.peers.get(peer)
  }

  totals (): TrafficTotals {
    return { bytesIn: this.in.total, bytesOut: this.out.total, rateIn: this.in.rate(), rateOut: this.out.rate() }
  }

  private counters (peer: string): { bytesIn: number, bytesOut: number } {
    let c = this.peers.get(peer)
    if (c == null) this.peers.set(peer, c = { bytesIn: 0, bytesOut: 0 })
    return c
  }
}
