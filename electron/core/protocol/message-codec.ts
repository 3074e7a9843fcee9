/**
 * Decoding a protobuf message a peer sent. The generated decoders throw
 * whatever their reader meets (a range error, an unknown wire type); at the
 * edge of the protocol every such failure becomes one named error, so a
 * caller tells a malformed message from a failed stream.
 */
import { PeerShareError } from '../errors.js'
import type { Uint8ArrayList } from 'uint8arraylist'
import type { MessageCodec } from './constants.js'

/** A message from a peer that does not decode. */
export class MalformedMessageError extends PeerShareError {
  constructor (what: string, cause: unknown) {
    super('transfer-failed', `A peer sent a malformed ${what}: ${(cause as Error)?.message ?? String(cause)}`, { cause })
    this.name = 'MalformedMessageError'
  }
}

/** Decodes `bytes` with `codec`; MalformedMessageError when they are not such a message. */
export function decodeMessage<T> (codec: Pick<MessageCodec<T>, 'decode'>, bytes: Uint8Array | Uint8ArrayList, what: string): T {
  try {
    return codec.decode(bytes)
  } catch (err) {
    throw new MalformedMessageError(what, err)
  }
}
