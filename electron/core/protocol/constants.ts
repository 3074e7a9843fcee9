/**
 * Protocol ids, size bounds and stream limits of PeerShare's wire
 * protocol. Bumping a major version changes the id, so old and new nodes
 * negotiate cleanly instead of misreading each other. Deadlines are in
 * ../defaults.ts.
 */
import { MAX_CHUNK_SIZE, MAX_MANIFEST_BYTES } from '../content/manifest.js'
import type { ProtobufDecoder, ProtobufEncoder } from '@libp2p/utils'

export const PROTOCOL_MANIFEST = '/peershare/manifest/1.0.0'
export const PROTOCOL_HAVE = '/peershare/have/1.0.0'
export const PROTOCOL_CHUNK = '/peershare/chunk/1.0.0'

/** Largest request frame: a root CID and an index fit in well under 1 KiB. */
export const MAX_REQUEST_BYTES = 1024
/** Largest manifest response frame. */
export const MAX_MANIFEST_RESPONSE_BYTES = MAX_MANIFEST_BYTES + 64
/** Largest have response: a bitfield for the most chunks a manifest can list, plus framing. */
export const MAX_HAVE_RESPONSE_BYTES = Math.ceil(MAX_MANIFEST_BYTES / 32 / 8) + 64
/** Largest chunk response frame. */
export const MAX_CHUNK_RESPONSE_BYTES = MAX_CHUNK_SIZE + 64
/** Requests a server reads ahead on one chunk stream before it stops reading. */
export const MAX_PIPELINED_REQUESTS = 64
/** Chunks a server reads from disk ahead of the one it is sending, per stream. */
export const SERVER_READ_AHEAD = 4

/**
 * Concurrent streams per connection and protocol. Every protocol also runs
 * on relayed connections: a sharer behind a NAT is first met through a
 * relay, and a relay that carries data may be the only path there is.
 */
export const STREAM_LIMITS = {
  [PROTOCOL_MANIFEST]: { maxInboundStreams: 4, maxOutboundStreams: 4, runOnLimitedConnection: true },
  [PROTOCOL_HAVE]: { maxInboundStreams: 8, maxOutboundStreams: 8, runOnLimitedConnection: true },
  [PROTOCOL_CHUNK]: { maxInboundStreams: 8, maxOutboundStreams: 8, runOnLimitedConnection: true }
} as const

/** A generated message type, as the protocol reads and writes it. */
export interface MessageCodec<T> { encode: ProtobufEncoder<T>, decode: ProtobufDecoder<T> }
