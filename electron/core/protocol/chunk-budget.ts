/**
 * The memory the chunk server may spend on chunk data it has read from disk
 * and the asking peer has not taken yet: a budget per peer and one over all
 * peers. A chunk is read only once its bytes fit in both; they are given
 * back once the peer has taken the chunk, or its stream ended. So a peer
 * that asks and never reads pins at most its own share, however many
 * streams or requests it opens, and all peers together at most the total.
 * When bytes come free, they go first to peers that are reading (none of
 * their streams is waiting for them to take what was sent), then to the
 * peer holding the least: peers that do not read cannot starve those that do.
 */
import type { AbortOptions } from '@libp2p/interface'

export interface ChunkBudgetInit {
  /** Bytes one peer's chunks may hold. */
  perPeer: number
  /** Bytes all peers' chunks may hold together. */
  total: number
}

interface Waiter {
  readonly peer: string
  readonly bytes: number
  readonly since: number
  resolve(): void
}

export class ChunkBudget {
  private readonly perPeer: number
  private readonly total: number
  private readonly byPeer = new Map<string, number>()
  /** Streams per peer waiting for the peer to take what was sent. */
  private readonly blockedBy = new Map<string, number>()
  private readonly waiting: Waiter[] = []
  private inUse = 0
  private arrivals = 0

  constructor (init: ChunkBudgetInit) {
    this.perPeer = init.perPeer
    this.total = init.total
  }

  /** Bytes held now, over all peers. */
  get used (): number {
    return this.inUse
  }

  /** Peers holding any bytes now. */
  get peers (): number {
    return this.byPeer.size
  }

  /** Bytes one peer holds now. */
  usedBy (peer: string): number {
    return this.byPeer.get(peer) ?? 0
  }

  /** Waits until `bytes` fit in the peer's and the total budget, then holds them; rejects with the signal's reason. */
  async take (peer: string, bytes: number, options: AbortOptions = {}): Promise<void> {
    options.signal?.throwIfAborted()
    if (this.waiting.length === 0 && this.fits(peer, bytes)) {
      this.hold(peer, bytes)
      return
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        peer,
        bytes,
        since: this.arrivals++,
        resolve: () => {
          options.signal?.removeEventListener('abort', onAbort)
          resolve()
        }
      }
      const onAbort = (): void => {
        const i = this.waiting.indexOf(waiter)
        if (i !== -1) this.waiting.splice(i, 1)
        reject(options.signal?.reason)
        // A waiter that gave up may have been what held up the ones behind it.
        this.serve()
      }
      options.signal?.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(waiter)
      // Others waiting may be held by their own peer's limit, not by the total: this one may fit now.
      this.serve()
    })
  }

  /** Gives back bytes taken for a peer. */
  give (peer: string, bytes: number): void {
    const held = this.byPeer.get(peer) ?? 0
    const back = Math.min(held, bytes)
    if (held - back <= 0) this.byPeer.delete(peer)
    else this.byPeer.set(peer, held - back)
    this.inUse -= back
    this.serve()
  }

  /** One of a peer's streams starts (+1) or stops (-1) waiting for the peer to take what was sent. */
  blocked (peer: string, delta: 1 | -1): void {
    const n = (this.blockedBy.get(peer) ?? 0) + delta
    if (n <= 0) this.blockedBy.delete(peer)
    else this.blockedBy.set(peer, n)
    if (delta < 0) this.serve()
  }

  /** A chunk larger than a whole budget still goes through when nothing else is held. */
  private fits (peer: string, bytes: number): boolean {
    const mine = this.byPeer.get(peer) ?? 0
    const peerOk = mine === 0 || mine + bytes <= this.perPeer
    const totalOk = this.inUse === 0 || this.inUse + bytes <= this.total
    return peerOk && totalOk
  }

  private hold (peer: string, bytes: number): void {
    this.byPeer.set(peer, (this.byPeer.get(peer) ?? 0) + bytes)
    this.inUse += bytes
  }

  /**
   * Lets waiters in, reading peers first, then the peer holding the least,
   * then the oldest. A waiter at its own peer's limit is passed over; one
   * that does not fit in the total stops the round, so the bytes that come
   * free next are its.
   */
  private serve (): void {
    const order = [...this.waiting].sort((a, b) =>
      Number(this.blockedBy.has(a.peer)) - Number(this.blockedBy.has(b.peer)) ||
      this.usedBy(a.peer) - this.usedBy(b.peer) ||
      a.since - b.since)
    for (const w of order) {
      const mine = this.usedBy(w.peer)
      if (mine > 0 && mine + w.bytes > this.perPeer) continue
      if (!this.fits(w.peer, w.bytes)) return
      this.waiting.splice(this.waiting.indexOf(w), 1)
      this.hold(w.peer, w.bytes)
      w.resolve()
    }
  }
}
