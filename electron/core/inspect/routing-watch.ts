/**
 * How the routing table changes: every peer kad-dht adds or evicts, when it
 * joined, the latest changes and their counts per interval (the Network
 * view's "additions and evictions over time"), and when each peer was last
 * heard from beyond kad-dht's own last ping (a connection opening or
 * closing).
 */
import { ROUTING_ACTIVITY_INTERVAL, ROUTING_ACTIVITY_INTERVALS, ROUTING_CHANGES_KEPT } from '../defaults.js'
import { commonPrefixLength, kadIdOfPeer, type KadId } from '../node/kad-id.js'
import type { KadAdapter } from '../node/kad.js'
import type { RoutingActivityView, RoutingChangeView } from '../../../shared/index.js'
import type { Libp2p, Startable } from '@libp2p/interface'

export interface RoutingWatchComponents {
  kad: Pick<KadAdapter, 'onRoutingChange'>
  node: Pick<Libp2p, 'peerId' | 'addEventListener' | 'removeEventListener'>
}

export interface RoutingWatchInit {
  /** Changes kept; default ROUTING_CHANGES_KEPT. */
  changesKept?: number
  /** Length of one activity interval, ms; default ROUTING_ACTIVITY_INTERVAL. */
  interval?: number
  /** Intervals of activity kept; default ROUTING_ACTIVITY_INTERVALS. */
  intervals?: number
}

export class RoutingWatch implements Startable {
  private readonly components: RoutingWatchComponents
  private readonly changesKept: number
  private readonly interval: number
  private readonly intervals: number
  private readonly changes: RoutingChangeView[] = []
  private readonly addedAt = new Map<string, number>()
  private readonly heardAt = new Map<string, number>()
  /** Additions and removals per interval start. */
  private readonly counts = new Map<number, { added: number, removed: number }>()
  private selfKadId?: KadId
  private stops: Array<() => void> = []

  constructor (components: RoutingWatchComponents, init: RoutingWatchInit = {}) {
    this.components = components
    this.changesKept = init.changesKept ?? ROUTING_CHANGES_KEPT
    this.interval = init.interval ?? ROUTING_ACTIVITY_INTERVAL
    this.intervals = init.intervals ?? ROUTING_ACTIVITY_INTERVALS
  }

  start (): void {
    if (this.stops.length > 0) return
    this.selfKadId = kadIdOfPeer(this.components.node.peerId)
    this.stops.push(this.components.kad.onRoutingChange((kind, peerId) => { this.record(kind, peerId) }))
    const { node } = this.components
    const heard = (evt: CustomEvent<{ remotePeer: { toString(): string } }>): void => { this.heardAt.set(evt.detail.remotePeer.toString(), Date.now()) }
    node.addEventListener('connection:open', heard)
    node.addEventListener('connection:close', heard)
    this.stops.push(() => {
      node.removeEventListener('connection:open', heard)
      node.removeEventListener('connection:close', heard)
    })
  }

  stop (): void {
    for (const stop of this.stops.splice(0)) stop()
  }

  /** When `peerId` joined the table, if since start. */
  joined (peerId: string): number | null {
    return this.addedAt.get(peerId) ?? null
  }

  /** When a connection to `peerId` last opened or closed, if since start. */
  heard (peerId: string): number | null {
    return this.heardAt.get(peerId) ?? null
  }

  /** The latest changes, oldest first. */
  recent (): RoutingChangeView[] {
    return [...this.changes]
  }

  /** Additions and removals per interval up to now, oldest first. */
  activity (now = Date.now()): RoutingActivityView {
    const last = Math.floor(now / this.interval) * this.interval
    const starts = Array.from({ length: this.intervals }, (_, i) => last - (this.intervals - 1 - i) * this.interval)
    return {
      intervalMs: this.interval,
      starts,
      added: starts.map(s => this.counts.get(s)?.added ?? 0),
      removed: starts.map(s => this.counts.get(s)?.removed ?? 0)
    }
  }

  private record (kind: 'added' | 'removed', peerId: string): void {
    const at = Date.now()
    if (kind === 'added') this.addedAt.set(peerId, at)
    else this.addedAt.delete(peerId)
    let cpl = 0
    try {
      cpl = this.selfKadId == null ? 0 : commonPrefixLength(kadIdOfPeer(peerId), this.selfKadId)
    } catch {}
    this.changes.push({ at, kind, peerId, cpl })
    if (this.changes.length > this.changesKept) this.changes.splice(0, this.changes.length - this.changesKept)
    const start = Math.floor(at / this.interval) * this.interval
    const count = this.counts.get(start) ?? { added: 0, removed: 0 }
    count[kind]++
    this.counts.set(start, count)
    const oldest = start - this.intervals * this.interval
    for (const s of this.counts.keys()) if (s < oldest) this.counts.delete(s)
  }
}
