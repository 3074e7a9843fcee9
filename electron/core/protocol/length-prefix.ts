/**
 * The varint length in front of every PeerShare frame, read with a bound.
 * A prefix is refused as soon as it has more bytes than the largest frame
 * its reader accepts needs, or names a larger frame. Without this, a peer
 * that sends a prefix that never ends (0xff, 0xff, …) holds a reader that
 * keeps asking for one more byte: lpStream reads prefixes byte by byte and
 * takes a varint it cannot decode for an incomplete one.
 */
import { lpStream, type LengthPrefixedStream } from '@libp2p/utils'
import * as varint from 'uint8-varint'
import type { Stream } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'

/** A length prefix longer than needed, not minimally encoded, or naming a frame past the bound. */
export class FrameLengthError extends Error {
  constructor (message: string) { super(message); this.name = 'FrameLengthError' }
}

/** A decoded length and the position after it. */
export interface LengthPrefix {
  readonly value: number
  readonly next: number
}

/** Bytes a varint of `max` takes: no honest prefix of a frame up to `max` bytes is longer. */
export function prefixBytesFor (max: number): number {
  return varint.encodingLength(max)
}

/**
 * Reads the varint at `pos`, at most `maxValue`: undefined while more bytes
 * are needed, FrameLengthError once the prefix is longer than `maxValue`
 * needs, not minimally encoded, or names more than `maxValue`.
 */
export function readLengthPrefix (buf: Uint8Array | Uint8ArrayList, pos: number, maxValue: number): LengthPrefix | undefined {
  const maxBytes = prefixBytesFor(maxValue)
  const at = (i: number): number => buf instanceof Uint8Array ? buf[i] : buf.get(i)
  let value = 0
  let scale = 1
  for (let i = 0; i < maxBytes; i++) {
    if (pos + i >= buf.byteLength) return undefined
    const b = at(pos + i)
    value += (b & 0x7f) * scale
    if (b < 0x80) {
      // A needless trailing 0x00 byte (a padded varint) ends later than its value says; nobody sends one honestly.
      if (i > 0 && b === 0) throw new FrameLengthError('length prefix not minimally encoded')
      if (value > maxValue) throw new FrameLengthError(`frame of ${value} bytes exceeds ${maxValue}`)
      return { value, next: pos + i + 1 }
    }
    scale *= 128
  }
  throw new FrameLengthError(`length prefix longer than the ${maxBytes} bytes a frame of at most ${maxValue} bytes needs`)
}

/**
 * A length decoder for lpStream: a RangeError asks lpStream for one
 * more byte (its own convention); FrameLengthError ends the read, and the
 * caller resets the stream.
 */
export function boundedLengthDecoder (maxDataLength: number): (data: Uint8ArrayList) => number {
  return data => {
    const prefix = readLengthPrefix(data, 0, maxDataLength)
    if (prefix == null) throw new RangeError('need more bytes')
    return prefix.value
  }
}

/** lpStream whose reads refuse any frame longer than `maxDataLength`, prefix included. */
export function boundedLpStream (stream: Stream, maxDataLength: number, maxBufferSize = maxDataLength + 1024): LengthPrefixedStream<Stream> {
  return lpStream(stream, {
    maxDataLength,
    maxLengthLength: prefixBytesFor(maxDataLength),
    lengthDecoder: boundedLengthDecoder(maxDataLength),
    maxBufferSize
  })
}
