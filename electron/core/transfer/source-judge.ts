/**
 * Acting on how a download's sources behave, once per turn of its work
 * loop: a peer that fell far behind the others (peer-judge.ts says which)
 * is dropped and benched for a while, twice as long each time; when every
 * source is banned and no other turns up within BANNED_SOURCES_GRACE, the
 * run stops and says so rather than wait for ever.
 */
import { BANNED_SOURCES_GRACE, SLOW_PEER_BACKOFF } from '../defaults.js'
import { SourcesBannedError } from '../errors.js'
import { log } from '../logger.js'
import { peersFallenBehind } from './peer-judge.js'
import type { SourcePeer } from './source-peer.js'

const logger = log('transfer')

export interface SourceJudgeComponents {
  /** The download's source peers now, by key. */
  peers: ReadonlyMap<string, SourcePeer>
  /** Forgets a peer that failed or fell behind; discovery may bring it back. */
  dropPeer(p: SourcePeer): void
  /** Stops the run with `err`. */
  onFatal(err: Error): void
}

export interface SourceJudgeInit {
  /** The share's root, for the log. */
  root: string
  chunkSize: number
}

export class SourceJudge {
  private readonly components: SourceJudgeComponents
  private readonly root: string
  private readonly chunkSize: number
  /** Peers dropped for falling behind: not taken back before `until`; each drop doubles the wait. */
  private readonly benched = new Map<string, { until: number, backoff: number }>()
  /** Since when every source peer has been banned, ms. */
  private allBannedSince?: number

  constructor (components: SourceJudgeComponents, init: SourceJudgeInit) {
    this.components = components
    this.root = init.root
    this.chunkSize = init.chunkSize
  }

  /** Whether a peer is benched now (no need to ask it again). */
  benchedNow (peer: string): boolean {
    return (this.benched.get(peer)?.until ?? 0) > Date.now()
  }

  /** A new run judges peers afresh. */
  reset (): void {
    this.benched.clear()
    this.allBannedSince = undefined
  }

  /** Drops the peers that fell far behind; each stays benched for a while, longer each time. */
  judgePeers (): void {
    const now = Date.now()
    for (const judged of peersFallenBehind([...this.components.peers.values()], this.chunkSize, now)) {
      const p = this.components.peers.get(judged.key)
      if (p == null) continue
      const backoff = Math.min((this.benched.get(p.key)?.backoff ?? SLOW_PEER_BACKOFF / 2) * 2, SLOW_PEER_BACKOFF * 16)
      this.benched.set(p.key, { until: now + backoff, backoff })
      logger('%s: %s fell far behind the other peers with %d chunks asked; they go to the others, and it is left out for %d s', this.root, p.key, p.inFlight, backoff / 1000)
      this.components.dropPeer(p)
    }
  }

  /** Every source was banned and no other turned up within BANNED_SOURCES_GRACE: stop and say so. */
  checkSources (): void {
    const all = [...this.components.peers.values()]
    if (all.length === 0 || all.some(p => !p.banned)) {
      this.allBannedSince = undefined
      return
    }
    this.allBannedSince ??= Date.now()
    if (Date.now() - this.allBannedSince < BANNED_SOURCES_GRACE) return
    this.components.onFatal(new SourcesBannedError(all.map(p => ({ peerId: p.key, badChunks: p.bad }))))
  }
}
