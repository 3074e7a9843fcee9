/**
 * One peer a download draws chunks from: what it holds, its chunk session,
 * how much it has sent and how fast, and whether it sent bad chunks.
 */
import { RateMeter } from '../util/rate-meter.js'
import { windowFor } from './chunk-picker.js'
import type { CandidateSource } from '../discovery/provider-finder.js'
import type { ChunkSession } from '../protocol/client.js'
import type { Bitfield } from '../util/bitfield.js'
import type { PeerId } from '@libp2p/interface'

export class SourcePeer {
  readonly id: PeerId
  readonly key: string
  readonly foundVia: CandidateSource
  /** The chunks it holds, as it last said. */
  have: Bitfield
  session?: ChunkSession
  /** Chunk requests picked for it and not yet answered (some may still wait for the download limit). */
  inFlight = 0
  /** Chunk requests sent to it and not yet answered. */
  asked = 0
  received = 0
  bad = 0
  banned = false
  readonly meter = new RateMeter()
  lastHaveAt = Date.now()
  /** When it last delivered a chunk, or was sent a request while it had none outstanding, ms. */
  waitingSince = Date.now()
  /** The best rate of verified bytes it has shown, bytes per second. */
  peakRate = 0

  constructor (id: PeerId, have: Bitfield, foundVia: CandidateSource) {
    this.id = id
    this.key = id.toString()
    this.have = have
    this.foundVia = foundVia
  }

  /** Requests to keep in flight to it, by its measured rate. */
  window (chunkSize: number): number {
    return windowFor(this.meter.rate(), this.received, chunkSize)
  }
}
