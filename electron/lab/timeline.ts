/**
 * The combined timeline: connections, downloads and the lab's own actions
 * across all instances, as spans with a start and (once over) an end, built
 * from each instance's events; and, as instants, each connection's move to
 * another path (a relayed connection upgraded to a hole-punched one).
 * Bounded: the oldest finished spans go first.
 */
import type { ConnectionPath, PeerShareEvent, PeerView } from '../../shared/index.js'
import type { LabTimelineEntry as Entry } from '../../shared/lab.js'
import { betterPath } from './paths.js'

/** Spans kept; default 2,000. */
const CAPACITY = 2_000

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** Builds the timeline from events. */
export class Timeline {
  readonly #entries = new Map<string, Mutable<Entry>>()
  /** The path each open connection span is on now. */
  readonly #paths = new Map<string, ConnectionPath>()
  #counter = 0

  /** Every span, oldest first. */
  entries (): readonly Entry[] {
    return [...this.#entries.values()].map(e => ({ ...e }))
  }

  /** Records a lab action as an instant. */
  action (node: string, label: string): void {
    const at = Date.now()
    this.#put({ id: `lab:${++this.#counter}`, node, kind: 'lab', label, start: at, end: at })
  }

  /** Applies one event of instance `node`; `nameOf` turns a PeerId into an instance name. */
  onEvent (node: string, event: PeerShareEvent, nameOf: (peerId: string) => string): void {
    const now = Date.now()
    switch (event.kind) {
      case 'peer-connected': {
        const peer = nameOf(event.peer.peerId)
        const id = `conn:${node}:${peer}`
        const open = this.#entries.get(id)
        if (open != null && open.end == null) {
          // Another connection to the same peer: a better path (an upgrade) shows at once, a worse one only once it is all there is.
          const before = this.#paths.get(id)
          if (before != null) this.#pathNow(id, node, peer, betterPath(before, event.peer.path), now)
          return
        }
        this.#entries.delete(id)
        this.#paths.set(id, event.peer.path)
        this.#put({ id, node, kind: 'connection', label: peer, start: event.peer.openedAt ?? now, detail: `${event.peer.direction}, ${event.peer.path}` })
        return
      }
      case 'peer-disconnected': {
        const id = `conn:${node}:${nameOf(event.peerId)}`
        const open = this.#entries.get(id)
        if (open != null && open.end == null) open.end = now
        this.#paths.delete(id)
        return
      }
      case 'transfer': {
        const t = event.transfer
        const id = `transfer:${node}:${t.id}`
        let span = this.#entries.get(id)
        if (span == null || (span.end != null && t.state !== 'done' && t.state !== 'failed')) {
          this.#entries.delete(id)
          span = { id, node, kind: 'transfer', label: t.name, start: now }
          this.#put(span)
        }
        span.label = t.name
        span.detail = t.state === 'failed' && t.error != null ? `failed: ${t.error.message}` : t.state
        if (t.state === 'done' || t.state === 'failed') span.end ??= t.finishedAt ?? now
        else delete span.end
        return
      }
      case 'transfer-removed': {
        const span = this.#entries.get(`transfer:${node}:${event.id}`)
        if (span != null && span.end == null) {
          span.end = now
          span.detail = 'cancelled'
        }
      }
    }
  }

  /**
   * Brings `node`'s connection spans in line with its current connections
   * (from a status read): opens those the event stream did not report (made
   * before it was subscribed) and closes those that are gone.
   */
  syncConnections (node: string, connections: readonly PeerView[], nameOf: (peerId: string) => string): void {
    const now = Date.now()
    const live = new Set<string>()
    // One peer may hold two connections for a moment (relayed, and the hole-punched one replacing it): the best counts.
    const best = new Map<string, PeerView>()
    for (const c of connections) {
      const held = best.get(c.peerId)
      best.set(c.peerId, held == null ? c : { ...held, path: betterPath(held.path, c.path) })
    }
    for (const c of best.values()) {
      const peer = nameOf(c.peerId)
      const id = `conn:${node}:${peer}`
      live.add(id)
      const open = this.#entries.get(id)
      if (open != null && open.end == null) this.#pathNow(id, node, peer, c.path, now)
      else this.onEvent(node, { kind: 'peer-connected', peer: c }, nameOf)
    }
    for (const e of this.#entries.values()) {
      if (e.node === node && e.kind === 'connection' && e.end == null && !live.has(e.id)) {
        e.end = now
        this.#paths.delete(e.id)
      }
    }
  }

  /** Closes every open span of `node` (it went down). */
  closeAll (node: string, why: string): void {
    const now = Date.now()
    for (const e of this.#entries.values()) {
      if (e.node === node && e.end == null) {
        e.end = now
        if (e.kind === 'connection') e.detail = why
        this.#paths.delete(e.id)
      }
    }
  }

  /** Records a move of the open connection span `id` to `path`, if it is one. */
  #pathNow (id: string, node: string, peer: string, path: ConnectionPath, now: number): void {
    const before = this.#paths.get(id)
    if (before == null || before === path) return
    this.#paths.set(id, path)
    const span = this.#entries.get(id)
    if (span != null) span.detail = `${span.detail?.split(',')[0] ?? ''}, ${path}`
    this.#put({ id: `path:${++this.#counter}`, node, kind: 'path', label: `${peer}: ${before} → ${path}`, start: now, end: now })
  }

  #put (entry: Mutable<Entry>): void {
    this.#entries.set(entry.id, entry)
    if (this.#entries.size <= CAPACITY) return
    for (const [id, e] of this.#entries) {
      if (e.end != null) {
        this.#entries.delete(id)
        if (this.#entries.size <= CAPACITY) return
      }
    }
  }
}
