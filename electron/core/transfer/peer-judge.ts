/**
 * Which source peers hold a download back. A peer is judged by the chunks
 * it delivers, not by the bytes that trickle in: one that sends a byte now
 * and then keeps its stream alive for ever while the chunks asked of it
 * never arrive. A peer that has had chunks asked of it and delivered none
 * for far longer than the fastest peer takes per chunk is dropped, and
 * what was asked of it goes to the others. Pure: no I/O, no clock of its own.
 */
import { SLOW_PEER_FACTOR, SLOW_PEER_GRACE } from '../defaults.js'

/** A source peer as the judge sees it. */
export interface JudgedPeer {
  readonly key: string
  readonly banned: boolean
  /** Chunk requests sent to it and not answered. */
  readonly asked: number
  /** When it last delivered a chunk, or was first asked for one since its last delivery, ms. */
  readonly waitingSince: number
  /** The best rate of verified bytes it has shown, bytes per second. */
  readonly peakRate: number
}

export interface JudgeOptions {
  /** Never judged sooner than this, ms; default SLOW_PEER_GRACE. */
  grace?: number
  /** Slower than the fastest peer by more than this factor is far behind; default SLOW_PEER_FACTOR. */
  factor?: number
}

/**
 * The peers to drop now: waiting on chunks for longer than both `grace` and
 * `factor` times what one chunk takes at the fastest peer's best rate. With
 * no other peer delivering there is nobody to give their chunks to, so
 * nobody is judged.
 */
export function peersFallenBehind (peers: readonly JudgedPeer[], chunkSize: number, now: number, options: JudgeOptions = {}): JudgedPeer[] {
  const grace = options.grace ?? SLOW_PEER_GRACE
  const factor = options.factor ?? SLOW_PEER_FACTOR
  const active = peers.filter(p => !p.banned)
  const out: JudgedPeer[] = []
  for (const p of active) {
    if (p.asked === 0) continue
    const best = Math.max(0, ...active.filter(o => o !== p).map(o => o.peakRate))
    if (best <= 0) continue
    const perChunkAtBest = chunkSize / best * 1000
    if (now - p.waitingSince > Math.max(grace, factor * perChunkAtBest)) out.push(p)
  }
  return out
}
