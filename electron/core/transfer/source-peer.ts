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
  /** Chunk requests sent and not yet answered. */
  inFlight = 0
  received = 0
  bad = 0
  banned = false
  readonly meter = new RateMeter()
  lastHaveAt = Date.now()

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
