/**
 * What the lab knows about its running instances, from the contract alone:
 * each instance's `status` polled once a second, and its event stream for
 * the timeline. From these it derives readiness (the API answers and the
 * routing table holds a peer), and the edges of the swarm graph: every live
 * connection between two instances (or an instance and the lab relay)
 * with its path, round-trip time and the payload rate each way since the
 * last poll.
 */
import type { Startable } from '@libp2p/interface'
import type { HealthView } from '../../shared/index.js'
import type { LabEdgeView } from '../../shared/lab.js'
import type { LabMember } from './instance/member.js'
import type { LogBook } from './log-book.js'
import { betterPath } from './paths.js'
import type { Timeline } from './timeline.js'

export interface ObserverComponents {
  readonly members: readonly LabMember[]
  readonly timeline: Timeline
  readonly logBook: LogBook
  /** Peers shown beside the instances (the lab relay), with whether each runs now; default none. */
  readonly outsiders?: () => ReadonlyArray<{ readonly peerId: string, readonly name: string, readonly live: boolean }>
}

export interface ObserverInit {
  /** How often every instance's status is read, ms; default 1 s, and 25 ms per instance beyond 40 (a big in-process lab). */
  readonly interval?: number
  /** Deadline of one status call, ms; default 5 s. */
  readonly timeout?: number
}

/** What is known of one instance. */
interface Seen {
  status: HealthView | null
  /** When status was last read, and the byte counters per peer then, for rates. */
  at: number
  counters: Map<string, { bytesIn: number, bytesOut: number }>
  /** Bytes per second to and from each peer over the last poll. */
  rates: Map<string, { rateIn: number, rateOut: number }>
  readyAt: number | null
  unsubscribe?: () => void
  /** Increases with each (re)start, so a late answer from before a restart is dropped. */
  epoch: number
}

/** Polls the instances and keeps the latest of each. */
export class Observer implements Startable {
  readonly #c: ObserverComponents
  readonly #interval: number
  readonly #timeout: number
  readonly #seen = new Map<string, Seen>()
  readonly #names = new Map<string, string>()
  #timer: ReturnType<typeof setInterval> | undefined
  #polling = false

  constructor (components: ObserverComponents, init: ObserverInit = {}) {
    this.#c = components
    this.#interval = init.interval ?? Math.max(1_000, 25 * components.members.length)
    this.#timeout = init.timeout ?? 5_000
    for (const m of components.members) {
      this.#names.set(m.peerId, m.name)
      this.#seen.set(m.name, { status: null, at: 0, counters: new Map(), rates: new Map(), readyAt: null, epoch: 0 })
    }
  }

  async start (): Promise<void> {
    if (this.#timer != null) return
    this.#timer = setInterval(() => { void this.poll() }, this.#interval)
    this.#timer.unref()
  }

  async stop (): Promise<void> {
    clearInterval(this.#timer)
    this.#timer = undefined
    for (const seen of this.#seen.values()) seen.unsubscribe?.()
  }

  /** The instance name of a PeerId, or a short form of it for a peer outside the lab. */
  readonly nameOf = (peerId: string): string => this.#names.get(peerId) ?? this.#outsider(peerId)?.name ?? `${peerId.slice(0, 8)}…`

  #outsider (peerId: string): { readonly name: string, readonly live: boolean } | undefined {
    return this.#c.outsiders?.().find(o => o.peerId === peerId)
  }

  /** Forgets what was seen of `name` (it stopped or restarts); subscribes anew once it runs. */
  reset (name: string): void {
    const seen = this.#seen.get(name)
    if (seen == null) return
    seen.unsubscribe?.()
    this.#seen.set(name, { status: null, at: 0, counters: new Map(), rates: new Map(), readyAt: null, epoch: seen.epoch + 1 })
  }

  /** The instance's last status, or null. */
  status (name: string): HealthView | null {
    return this.#seen.get(name)?.status ?? null
  }

  readyAt (name: string): number | null {
    return this.#seen.get(name)?.readyAt ?? null
  }

  /** Reads every running instance's status once. */
  async poll (): Promise<void> {
    if (this.#polling) return
    this.#polling = true
    try {
      const size = this.#c.members.length
      await Promise.all(this.#c.members.map(async m => { await this.#pollOne(m, size) }))
    } finally {
      this.#polling = false
    }
  }

  async #pollOne (member: LabMember, size: number): Promise<void> {
    const contract = member.contract
    const seen = this.#seen.get(member.name)
    if (contract == null || seen == null) return
    const epoch = seen.epoch
    if (seen.unsubscribe == null) {
      seen.unsubscribe = () => {}
      const stop = await contract.subscribe(
        event => { this.#c.timeline.onEvent(member.name, event, this.nameOf) },
        () => { if (this.#seen.get(member.name) === seen) seen.unsubscribe = undefined }
      ).catch(() => undefined)
      if (stop == null || this.#seen.get(member.name) !== seen) {
        stop?.()
        if (this.#seen.get(member.name) === seen) seen.unsubscribe = undefined
        return
      }
      seen.unsubscribe = stop
    }
    let status: HealthView
    try {
      status = await withDeadline(contract.api.status({}), this.#timeout)
    } catch {
      return
    }
    const current = this.#seen.get(member.name)
    if (current == null || current.epoch !== epoch) return
    const now = Date.now()
    const seconds = (now - current.at) / 1000
    const rates = new Map<string, { rateIn: number, rateOut: number }>()
    const counters = new Map<string, { bytesIn: number, bytesOut: number }>()
    for (const c of status.connections) {
      counters.set(c.peerId, { bytesIn: c.bytesIn, bytesOut: c.bytesOut })
      const before = current.counters.get(c.peerId)
      if (before != null && seconds > 0) {
        rates.set(c.peerId, { rateIn: Math.max(0, (c.bytesIn - before.bytesIn) / seconds), rateOut: Math.max(0, (c.bytesOut - before.bytesOut) / seconds) })
      }
    }
    current.status = status
    current.at = now
    this.#c.timeline.syncConnections(member.name, status.connections, this.nameOf)
    current.counters = counters
    current.rates = rates
    if (current.readyAt == null && (status.dht.routingTableSize > 0 || size === 1)) {
      current.readyAt = now
      this.#c.logBook.action(`ready (${status.dht.routingTableSize} in its routing table, ${status.connections.length} connected)`, member.name)
    }
  }

  /** Every live connection between two instances (or an instance and the lab relay), once per pair, on its best path. */
  edges (): LabEdgeView[] {
    const order = new Map(this.#c.members.map(m => [m.name, m.index]))
    const outsiders = this.#c.outsiders?.() ?? []
    for (const o of outsiders) order.set(o.name, Number.MAX_SAFE_INTEGER)
    // A connection to an instance that is down is over, whatever a stale status of the other end says.
    const live = new Set(this.#c.members.filter(m => m.contract != null && this.#seen.get(m.name)?.status != null).map(m => m.name))
    for (const o of outsiders) if (o.live) live.add(o.name)
    const edges = new Map<string, { a: string, b: string, path: LabEdgeView['path'], rtt: number | null, rateAB: number, rateBA: number }>()
    for (const m of this.#c.members) {
      const seen = this.#seen.get(m.name)
      if (seen?.status == null || m.contract == null) continue
      for (const c of seen.status.connections) {
        const other = this.#names.get(c.peerId) ?? outsiders.find(o => o.peerId === c.peerId)?.name
        if (other == null || other === m.name || !live.has(other)) continue
        const [a, b] = (order.get(m.name) ?? 0) < (order.get(other) ?? 0) ? [m.name, other] : [other, m.name]
        const key = `${a}|${b}`
        let edge = edges.get(key)
        if (edge == null) edges.set(key, edge = { a, b, path: c.path, rtt: null, rateAB: 0, rateBA: 0 })
        edge.path = betterPath(edge.path, c.path)
        if (c.latencyMs != null) edge.rtt = edge.rtt == null ? c.latencyMs : Math.min(edge.rtt, c.latencyMs)
        // What this end sent is the sender's figure; keep the larger of the two ends' views.
        const rate = seen.rates.get(c.peerId)
        if (rate != null) {
          const sent = m.name === a ? 'rateAB' : 'rateBA'
          const received = m.name === a ? 'rateBA' : 'rateAB'
          edge[sent] = Math.max(edge[sent], rate.rateOut)
          edge[received] = Math.max(edge[received], rate.rateIn)
        }
      }
    }
    return [...edges.values()].map(e => ({ a: e.a, b: e.b, path: e.path, rttMs: e.rtt, rateAB: e.rateAB, rateBA: e.rateBA }))
  }
}

async function withDeadline<T> (promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([promise, new Promise<never>((resolve, reject) => { timer = setTimeout(() => { reject(new Error(`no answer within ${ms} ms`)) }, ms) })])
  } finally {
    clearTimeout(timer)
  }
}
