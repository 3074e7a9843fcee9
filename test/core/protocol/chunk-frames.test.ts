/** Chunk response frames built and cut without copying still match the wire format of messages.proto. */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { Uint8ArrayList } from 'uint8arraylist'
import { ChunkFrameDecoder, ChunkFrameError, encodeChunkFrame } from '../../../electron/core/protocol/chunk-frames.js'
import { ChunkResponse, Status } from '../../../electron/core/pb/messages.js'

/** What protons and lpStream put on the wire for a response. */
function reference (res: ChunkResponse): Uint8Array {
  const body = ChunkResponse.encode(res)
  const prefix: number[] = []
  for (let v = body.byteLength; ; v = Math.floor(v / 128)) {
    if (v < 128) { prefix.push(v); break }
    prefix.push((v % 128) | 128)
  }
  return Uint8Array.from([...prefix, ...body])
}

describe('chunk frames', () => {
  it('encode byte for byte like the generated codec', () => {
    const data = randomBytes(70_000)
    for (const res of [
      { status: Status.OK, index: 0, data },
      { status: Status.OK, index: 300, data },
      { status: Status.NOT_FOUND, index: 7, data: new Uint8Array() },
      { status: Status.BAD_REQUEST, index: 0, data: new Uint8Array() }
    ]) {
      assert.deepEqual(encodeChunkFrame(res.status, res.index, res.data).subarray(), reference(res))
    }
  })

  it('decode frames however the bytes are split, and keep the data as received', () => {
    const a = randomBytes(1000)
    const b = randomBytes(5)
    const wire = new Uint8ArrayList(reference({ status: Status.OK, index: 1, data: a }), reference({ status: Status.UNAVAILABLE, index: 2, data: new Uint8Array() }), reference({ status: Status.OK, index: 3, data: b })).subarray()
    for (const step of [1, 7, 64, wire.byteLength]) {
      const decoder = new ChunkFrameDecoder(2000)
      const frames = []
      for (let i = 0; i < wire.byteLength; i += step) {
        decoder.push(wire.subarray(i, i + step))
        for (let f = decoder.next(); f != null; f = decoder.next()) frames.push(f)
      }
      assert.deepEqual(frames.map(f => [f.status, f.index, Buffer.from(f.data.subarray()).toString('hex')]), [
        [Status.OK, 1, a.toString('hex')],
        [Status.UNAVAILABLE, 2, ''],
        [Status.OK, 3, b.toString('hex')]
      ])
      assert.equal(decoder.buffered, 0)
    }
  })

  it('refuse a frame longer than the bound before waiting for its bytes', () => {
    const decoder = new ChunkFrameDecoder(100)
    decoder.push(reference({ status: Status.OK, index: 1, data: randomBytes(200) }).subarray(0, 3))
    assert.throws(() => decoder.next(), ChunkFrameError)
  })

  it('skip unknown fields and refuse truncated ones', () => {
    // index 5, an unknown varint field 9, data "hi"
    const body = Uint8Array.from([0x10, 5, 0x48, 1, 0x1a, 2, 0x68, 0x69])
    const decoder = new ChunkFrameDecoder(100)
    decoder.push(Uint8Array.from([body.byteLength, ...body]))
    const f = decoder.next()
    assert.equal(f?.index, 5)
    assert.equal(Buffer.from(f!.data.subarray()).toString(), 'hi')
    const bad = new ChunkFrameDecoder(100)
    bad.push(Uint8Array.from([3, 0x1a, 9, 0x68]))
    assert.throws(() => bad.next(), ChunkFrameError)
  })

  it('refuse a padded varint instead of misreading the fields after it', () => {
    // index 5 written as two bytes (0x85 0x00), then data "hi"
    const decoder = new ChunkFrameDecoder(100)
    decoder.push(Uint8Array.from([7, 0x10, 0x85, 0x00, 0x1a, 2, 0x68, 0x69]))
    assert.throws(() => decoder.next(), ChunkFrameError)
  })
})
