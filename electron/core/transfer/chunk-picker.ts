/**
 * Which chunk to ask a peer for next, and how many to ask it for at once.
 * Pure bookkeeping, no I/O: how many known peers hold each chunk, the
 * chunks asked for and not yet answered, and the peers that sent a bad copy
 * of a chunk (never asked for that chunk again). The rarest missing chunk a
 * peer holds goes first, the lowest index among equals, so chunks only a few
 * peers hold are fetched while those peers are still around.
 */
import { INITIAL_WINDOW, MAX_WINDOW, MIN_WINDOW, WINDOW_TARGET_MS } from '../defaults.js'
import type { Bitfield } from '../util/bitfield.js'

/** A peer as the picker sees it. */
export interface PickerPeer {
  readonly key: string
  readonly have: Bitfield
}

export interface ChunkPickerInit {
  chunkCount: number
  /** Whether a chunk is still to be fetched (wanted and not verified). */
  needed(index: number): boolean
}

export class ChunkPicker {
  private readonly availability: Uint16Array
  private readonly needed: (index: number) => boolean
  private readonly asked = new Set<number>()
  private readonly excluded = new Map<number, Set<string>>()

  constructor (init: ChunkPickerInit) {
    this.availability = new Uint16Array(init.chunkCount)
    this.needed = init.needed
  }

  /** A peer and the chunks it holds join the counts. */
  add (have: Bitfield): void {
    for (let i = 0; i < have.length; i++) if (have.get(i) && this.availability[i] < 0xffff) this.availability[i]++
  }

  /** A peer leaves the counts (dropped, banned, or its holdings are about to be replaced). */
  remove (have: Bitfield): void {
    for (let i = 0; i < have.length; i++) if (have.get(i) && this.availability[i] > 0) this.availability[i]--
  }

  /** Forgets every peer's holdings (work stopped; peers are found again on resume). */
  forgetPeers (): void {
    this.availability.fill(0)
  }

  /** How many known peers hold a chunk. */
  holders (index: number): number {
    return this.availability[index] ?? 0
  }

  /** A peer sent a bad copy of a chunk: it is not asked for that chunk again. */
  exclude (index: number, peer: string): void {
    let ex = this.excluded.get(index)
    if (ex == null) this.excluded.set(index, ex = new Set())
    ex.add(peer)
  }

  /** The rarest needed chunk this peer holds that nobody is being asked for (lowest index among equals), now marked asked. */
  pick (peer: PickerPeer): number | undefined {
    const a = this.availability
    let best: number | undefined
    let bestAvail = Infinity
    for (let i = 0; i < a.length; i++) {
      if (this.asked.has(i) || !peer.have.get(i) || !this.needed(i) || this.excluded.get(i)?.has(peer.key) === true) continue
      if (a[i] < bestAvail) {
        best = i
        bestAvail = a[i]
        if (bestAvail <= 1) break
      }
    }
    if (best != null) this.asked.add(best)
    return best
  }

  /** The request for a chunk ended (answered or failed): it may be picked again if still needed. */
  release (index: number): void {
    this.asked.delete(index)
  }

  /** Chunks asked for and not yet answered. */
  get inFlight (): number {
    return this.asked.size
  }

  /** Whether any known peer holds a chunk still needed. */
  anyHeld (): boolean {
    for (let i = 0; i < this.availability.length; i++) if (this.availability[i] > 0 && this.needed(i)) return true
    return false
  }

  /** The chunks still needed: how many, and the first `limit` runs of them as inclusive [first, last] ranges. */
  neededRanges (limit: number): { count: number, ranges: Array<[number, number]> } {
    const ranges: Array<[number, number]> = []
    let count = 0
    let start = -1
    for (let i = 0; i <= this.availability.length; i++) {
      const needed = i < this.availability.length && this.needed(i)
      if (needed) {
        count++
        if (start === -1) start = i
      } else if (start !== -1) {
        if (ranges.length < limit) ranges.push([start, i - 1])
        start = -1
      }
    }
    return { count, ranges }
  }
}

/**
 * Requests to keep in flight to one peer: enough to cover WINDOW_TARGET_MS
 * of its measured rate, plus one, within MIN_WINDOW..MAX_WINDOW; before the
 * first chunk arrives (no rate yet), INITIAL_WINDOW.
 */
export function windowFor (rate: number, chunksReceived: number, chunkSize: number): number {
  const byRate = Math.ceil((rate * WINDOW_TARGET_MS / 1000) / chunkSize) + 1
  return Math.max(MIN_WINDOW, Math.min(MAX_WINDOW, chunksReceived === 0 ? INITIAL_WINDOW : byRate))
}
