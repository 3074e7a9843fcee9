/**
 * The shape of every one-shot exchange of PeerShare's protocols (a
 * manifest, which chunks a peer has, a device's name, an offer, pairing):
 * one bounded message each way on a fresh stream, within a deadline.
 * Anything malformed or oversized resets the stream and nothing else; the
 * answering side never waits on its peer for longer than its deadline.
 */
import { log } from '../logger.js'
import { boundedLpStream } from './length-prefix.js'
import { decodeMessage } from './message-codec.js'
import type { MessageCodec } from './constants.js'
import type { AbortOptions, Connection, PeerId, Stream } from '@libp2p/interface'

const logger = log('protocol')

/** What an exchange needs from the node. */
export interface ExchangeDialer {
  dialProtocol(peer: PeerId, protocols: string | string[], options?: AbortOptions & { negotiateFully?: boolean }): Promise<Stream>
}

export interface AskOptions extends AbortOptions {
  /** Largest answer accepted, bytes. */
  maxResponseBytes: number
  /** The exchange's deadline, ms. */
  timeout: number
}

/** Sends one encoded request to `peer` on `protocol` and returns its one answer. */
export async function askOnce<Res> (dialer: ExchangeDialer, peer: PeerId, protocol: string, request: Uint8Array, response: Pick<MessageCodec<Res>, 'decode'>, options: AskOptions): Promise<Res> {
  const timeout = AbortSignal.timeout(options.timeout)
  const signal = options.signal == null ? timeout : AbortSignal.any([options.signal, timeout])
  // The protocol id goes out with the request: one round trip, not two.
  const stream = await dialer.dialProtocol(peer, protocol, { signal, negotiateFully: false })
  try {
    const lp = boundedLpStream(stream, options.maxResponseBytes)
    await lp.write(request, { signal })
    const res = decodeMessage(response, await lp.read({ signal }), `${protocol} response`)
    // The answer is in: close in the background rather than wait a round trip for the remote's end.
    stream.close({ signal }).catch(err => { stream.abort(err as Error) })
    return res
  } catch (err) {
    stream.abort(err as Error)
    throw err
  }
}

export interface AnswerOptions {
  /** Largest request accepted, bytes. */
  maxRequestBytes: number
  /** The exchange's deadline, ms. */
  timeout: number
}

/** Reads one request from `stream` and answers it with what `answer` returns for it and the asking peer. */
export async function answerOnce<Req, Res> (
  stream: Stream, connection: Connection,
  request: Pick<MessageCodec<Req>, 'decode'>, response: Pick<MessageCodec<Res>, 'encode'>,
  answer: (req: Req, peer: PeerId) => Promise<Res> | Res,
  options: AnswerOptions
): Promise<void> {
  const signal = AbortSignal.timeout(options.timeout)
  try {
    const lp = boundedLpStream(stream, options.maxRequestBytes, options.maxRequestBytes * 2)
    const req = decodeMessage(request, await lp.read({ signal }), `${stream.protocol} request`)
    await lp.write(response.encode(await answer(req, connection.remotePeer)), { signal })
    await stream.close({ signal })
  } catch (err) {
    logger.trace('%s stream reset: %e', stream.protocol, err)
    stream.abort(err as Error)
  }
}
