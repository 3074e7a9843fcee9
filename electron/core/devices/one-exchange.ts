/**
 * The shape of PeerShare's small device protocols (device names, offers,
 * pairing): one bounded message each way on a fresh stream, within a
 * deadline. Anything malformed or oversized resets the stream and nothing
 * else; the answering side never waits on its peer for longer than the
 * deadline.
 */
import { DEVICE_REQUEST_TIMEOUT } from '../defaults.js'
import { log } from '../logger.js'
import { boundedLpStream } from '../protocol/length-prefix.js'
import { decodeMessage } from '../protocol/message-codec.js'
import type { MessageCodec } from '../protocol/constants.js'
import type { AbortOptions, Connection, Libp2p, PeerId, Stream } from '@libp2p/interface'

const logger = log('devices')

/** Largest message of the device protocols: names, a link, a proof. */
export const MAX_DEVICE_MESSAGE_BYTES = 8 * 1024

/** Concurrent streams per connection for each device protocol: people, not machines, start these. */
export const DEVICE_STREAM_LIMITS = { maxInboundStreams: 4, maxOutboundStreams: 4 } as const

/** Sends `req` to `peer` on `protocol` and returns its one answer. */
export async function askOnce<Req, Res> (
  node: Pick<Libp2p, 'dialProtocol'>, peer: PeerId, protocol: string,
  request: MessageCodec<Req>, req: Req, response: MessageCodec<Res>, options: AbortOptions = {}
): Promise<Res> {
  const timeout = AbortSignal.timeout(DEVICE_REQUEST_TIMEOUT)
  const signal = options.signal == null ? timeout : AbortSignal.any([options.signal, timeout])
  const stream = await node.dialProtocol(peer, protocol, { signal })
  try {
    const lp = boundedLpStream(stream, MAX_DEVICE_MESSAGE_BYTES)
    await lp.write(request.encode(req), { signal })
    const res = decodeMessage(response, await lp.read({ signal }), `${protocol} answer`)
    stream.close({ signal }).catch(err => { stream.abort(err as Error) })
    return res
  } catch (err) {
    stream.abort(err as Error)
    throw err
  }
}

/** Reads one request from `stream`, answers it with what `answer` returns for it and the asking peer. */
export async function answerOnce<Req, Res> (
  stream: Stream, connection: Connection,
  request: MessageCodec<Req>, response: MessageCodec<Res>,
  answer: (req: Req, peer: PeerId) => Promise<Res> | Res
): Promise<void> {
  const signal = AbortSignal.timeout(DEVICE_REQUEST_TIMEOUT)
  try {
    const lp = boundedLpStream(stream, MAX_DEVICE_MESSAGE_BYTES)
    const req = decodeMessage(request, await lp.read({ signal }), `${stream.protocol} request`)
    await lp.write(response.encode(await answer(req, connection.remotePeer)), { signal })
    await stream.close({ signal })
  } catch (err) {
    logger.trace('%s stream from %p reset: %e', stream.protocol, connection.remotePeer, err)
    stream.abort(err as Error)
  }
}
