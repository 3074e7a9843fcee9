/**
 * ChunkResponse frames without copying chunk data. The wire format is the
 * one of pb/messages.proto behind a varint length, byte for byte what protons
 * and lpStream produce; only the data field is never copied: the sender
 * puts the chunk bytes behind a small header, the receiver slices them out
 * of the bytes the stream delivered (a list of decrypted transport frames).
 */
import * as varint from 'uint8-varint'
import { Uint8ArrayList } from 'uint8arraylist'
import { Status } from '../pb/messages.js'
import { readLengthPrefix } from './length-prefix.js'

/** A decoded ChunkResponse whose data is still the received pieces. */
export interface ChunkFrame {
  readonly status: Status
  readonly index: number
  readonly data: Uint8ArrayList
}

/** A malformed chunk response frame. */
export class ChunkFrameError extends Error {
  constructor (message: string) { super(message); this.name = 'ChunkFrameError' }
}

/** Status values on the wire, as numbered in messages.proto. */
const STATUS_NUMBERS: Readonly<Record<Status, number>> = { [Status.OK]: 0, [Status.NOT_FOUND]: 1, [Status.UNAVAILABLE]: 2, [Status.BAD_REQUEST]: 3 }
const STATUS_BY_NUMBER: readonly Status[] = [Status.OK, Status.NOT_FOUND, Status.UNAVAILABLE, Status.BAD_REQUEST]

const STATUS_TAG = (1 << 3) | 0
const INDEX_TAG = (2 << 3) | 0
const DATA_TAG = (3 << 3) | 2

/** The length-prefixed frame of a ChunkResponse: a small header, then `data` itself. */
export function encodeChunkFrame (status: Status, index: number, data: Uint8Array): Uint8ArrayList {
  const statusValue = STATUS_NUMBERS[status]
  let body = 0
  if (statusValue !== 0) body += 1 + varint.encodingLength(statusValue)
  if (index !== 0) body += 1 + varint.encodingLength(index)
  if (data.byteLength > 0) body += 1 + varint.encodingLength(data.byteLength) + data.byteLength
  const header = new Uint8Array(varint.encodingLength(body) + body - data.byteLength)
  let pos = writeVarint(header, 0, body)
  if (statusValue !== 0) { header[pos++] = STATUS_TAG; pos = writeVarint(header, pos, statusValue) }
  if (index !== 0) { header[pos++] = INDEX_TAG; pos = writeVarint(header, pos, index) }
  if (data.byteLength > 0) { header[pos++] = DATA_TAG; writeVarint(header, pos, data.byteLength) }
  return data.byteLength > 0 ? new Uint8ArrayList(header, data) : new Uint8ArrayList(header)
}

/** Writes `value` at `pos`; returns the position after it. */
function writeVarint (out: Uint8Array, pos: number, value: number): number {
  varint.encode(value, out, pos)
  return pos + varint.encodingLength(value)
}

/**
 * Reads a varint of at most `maxBytes` at `pos` of `buf`; undefined when
 * `buf` ends first. Like lpStream, a varint the library cannot decode is
 * incomplete while fewer than `maxBytes` bytes are there, and too long after.
 */
function readVarint (buf: Uint8ArrayList, pos: number, maxBytes: number): { value: number, next: number } | undefined {
  let value: number
  try {
    value = varint.decode(buf, pos)
  } catch {
    if (buf.byteLength - pos < maxBytes) return undefined
    throw new ChunkFrameError('varint too long')
  }
  const next = pos + varint.encodingLength(value)
  if (next - pos > maxBytes) throw new ChunkFrameError('varint too long')
  // A padded varint (a needless 0x80 byte) would end later than its value says; nobody sends one honestly.
  if (buf.get(next - 1) >= 0x80) throw new ChunkFrameError('varint not minimally encoded')
  return { value, next }
}

/** Decodes one frame body (without its length prefix). */
function decodeBody (body: Uint8ArrayList): ChunkFrame {
  let status = Status.OK
  let index = 0
  let data = new Uint8ArrayList()
  let pos = 0
  while (pos < body.byteLength) {
    const tag = readVarint(body, pos, 5)
    if (tag == null) throw new ChunkFrameError('truncated field tag')
    pos = tag.next
    const wire = tag.value & 7
    const field = Math.floor(tag.value / 8)
    if (wire === 0) {
      const v = readVarint(body, pos, 10)
      if (v == null) throw new ChunkFrameError('truncated varint field')
      pos = v.next
      // An unknown status is no OK: the chunk is treated as not available.
      if (field === 1) status = STATUS_BY_NUMBER[v.value] ?? Status.UNAVAILABLE
      else if (field === 2) index = v.value
    } else if (wire === 2) {
      const len = readVarint(body, pos, 5)
      if (len == null || len.next + len.value > body.byteLength) throw new ChunkFrameError('truncated bytes field')
      if (field === 3) data = body.sublist(len.next, len.next + len.value)
      pos = len.next + len.value
    } else if (wire === 1 || wire === 5) {
      pos += wire === 1 ? 8 : 4
      if (pos > body.byteLength) throw new ChunkFrameError('truncated fixed field')
    } else {
      throw new ChunkFrameError(`unsupported wire type ${wire}`)
    }
  }
  return { status, index, data }
}

/**
 * Collects received bytes and cuts them into ChunkResponse frames, each at
 * most `maxFrameBytes` long (a larger length is refused before its bytes
 * are waited for).
 */
export class ChunkFrameDecoder {
  private readonly buffer = new Uint8ArrayList()
  private readonly maxFrameBytes: number

  constructor (maxFrameBytes: number) {
    this.maxFrameBytes = maxFrameBytes
  }

  /** Bytes received but not yet part of a returned frame. */
  get buffered (): number {
    return this.buffer.byteLength
  }

  push (data: Uint8Array | Uint8ArrayList): void {
    this.buffer.append(data)
  }

  /** The next complete frame, or undefined until more bytes arrive. */
  next (): ChunkFrame | undefined {
    let len
    try {
      len = readLengthPrefix(this.buffer, 0, this.maxFrameBytes)
    } catch (err) {
      throw new ChunkFrameError((err as Error).message)
    }
    if (len == null) return undefined
    if (this.buffer.byteLength < len.next + len.value) return undefined
    const body = this.buffer.sublist(len.next, len.next + len.value)
    this.buffer.consume(len.next + len.value)
    return decodeBody(body)
  }
}
