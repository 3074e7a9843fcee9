/**
 * The bounds of the device protocols (names, offers, pairing): one small
 * message each way (protocol/one-exchange.ts) within DEVICE_REQUEST_TIMEOUT,
 * and a few streams per connection, since people, not machines, start these.
 */
import { DEVICE_REQUEST_TIMEOUT } from '../defaults.js'
import { answerOnce, askOnce, type ExchangeDialer } from '../protocol/one-exchange.js'
import type { MessageCodec } from '../protocol/constants.js'
import type { AbortOptions, Connection, PeerId, Stream } from '@libp2p/interface'

/** Largest message of the device protocols: names, a link, a proof. */
export const MAX_DEVICE_MESSAGE_BYTES = 8 * 1024

/** Concurrent streams per connection for each device protocol. */
export const DEVICE_STREAM_LIMITS = { maxInboundStreams: 4, maxOutboundStreams: 4 } as const

/** Sends `req` to `peer` on a device protocol and returns its one answer. */
export async function askDevice<Req, Res> (dialer: ExchangeDialer, peer: PeerId, protocol: string, request: MessageCodec<Req>, req: Req, response: MessageCodec<Res>, options: AbortOptions = {}): Promise<Res> {
  return await askOnce(dialer, peer, protocol, request.encode(req), response, { signal: options.signal, maxResponseBytes: MAX_DEVICE_MESSAGE_BYTES, timeout: DEVICE_REQUEST_TIMEOUT })
}

/** Answers one request of a device protocol. */
export async function answerDevice<Req, Res> (stream: Stream, connection: Connection, request: MessageCodec<Req>, response: MessageCodec<Res>, answer: (req: Req, peer: PeerId) => Promise<Res> | Res): Promise<void> {
  await answerOnce(stream, connection, request, response, answer, { maxRequestBytes: MAX_DEVICE_MESSAGE_BYTES, timeout: DEVICE_REQUEST_TIMEOUT })
}
