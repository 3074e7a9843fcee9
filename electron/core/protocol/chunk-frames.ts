/**
 * ChunkResponse frames without copying chunk data. The wire format is the
 * one of messages.proto behind a varint length, byte for byte what protons
 * and lpStream produce; only the data field is never copied: the sender
 * puts the chunk bytes behind a small header, the receiver slices them out
 * of the bytes the stream delivered (a list of decrypted transport frames).
 */
import { Uint8ArrayList } from 'uint8arraylist'
import { Status } from './messages.js'

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

function varintLength (value: number): number {
  let n = 1
  for (let v = value; v >= 0x80; v = Math.floor(v / 0x80)) n++
  return n
}

function writeVarint (out: Uint8Array, pos: number, value: number): number {
  let v = value
  while (v >= 0x80) {
    out[pos++] = (v % 0x80) | 0x80
    v = Math.floor(v / 0x80)
  }
  out[pos++] = v
  return pos
}

/** The length-prefixed frame of a ChunkResponse: a small header, then `data` itself. */
export function encodeChunkFrame (status: Status, index: number, data: Uint8Array): Uint8ArrayList {
  const statusValue = STATUS_NUMBERS[status]
  let body = 0
  if (statusValue !== 0) body += 1 + varintLength(statusValue)
  if (index !== 0) body += 1 + varintLength(index)
  if (data.byteLength > 0) body += 1 + varintLength(data.byteLength) + data.byteLength
  const header = new Uint8Array(varintLength(body) + body - data.byteLength)
  let pos = writeVarint(header, 0, body)
  if (statusValue !== 0) { header[pos++] = STATUS_TAG; pos = writeVarint(header, pos, statusValue) }
  if (index !== 0) { header[pos++] = INDEX_TAG; pos = writeVarint(header, pos, index) }
  if (data.byteLength > 0) { header[pos++] = DATA_TAG; writeVarint(header, pos, data.byteLength) }
  return data.byteLength > 0 ? new Uint8ArrayList(header, data) : new Uint8ArrayList(header)
}

/** Reads a varint at `pos` of `buf`; undefined when `buf` ends first. */
function readVarint (buf: Uint8ArrayList, pos: number, maxBytes: number): { value: number, next: number } | undefined {
  let value = 0
  let scale = 1
  for (let i = 0; i < maxBytes; i++) {
    if (pos + i >= buf.byteLength) return undefined
    const b = buf.get(pos + i)
    value += (b & 0x7f) * scale
    if ((b & 0x80) === 0) return { value, next: pos + i + 1 }
    scale *= 0x80
  }
  throw new ChunkFrameError('varint too long')
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
  private readonly maxLengthBytes: number

  constructor (maxFrameBytes: number) {
    this.maxFrameBytes = maxFrameBytes
    this.maxLengthBytes = varintLength(maxFrameBytes)
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
    const len = readVarint(this.buffer, 0, this.maxLengthBytes)
    if (len == null) return undefined
    if (len.value > this.maxFrameBytes) throw new ChunkFrameError(`chunk response of ${len.value} bytes exceeds ${this.maxFrameBytes}`)
    if (this.buffer.byteLength < len.next + len.value) return undefined
    const body = this.buffer.sublist(len.next, len.next + len.value)
    this.buffer.consume(len.next + len.value)
    return decodeBody(body)
  }
}
