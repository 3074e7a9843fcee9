/**
 * Property-based fuzzing of the chunk response decoder: any bytes, split
 * any way, give frames within the bound or ChunkFrameError, never holding
 * more than one frame's worth; every frame the encoder makes comes back
 * intact however the bytes arrive.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { ChunkFrameDecoder, encodeChunkFrame } from '../../../electron/core/protocol/chunk-frames.js'
import { Status } from '../../../electron/core/pb/messages.js'
import { fuzzRuns, onlyNamedErrors } from '../../support/fuzz.js'

const MAX = 4096
const statuses = fc.constantFrom(Status.OK, Status.NOT_FOUND, Status.UNAVAILABLE, Status.BAD_REQUEST)

/** Cuts `bytes` at the given points (taken modulo its length). */
function pieces (bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map(c => bytes.byteLength === 0 ? 0 : c % bytes.byteLength))].sort((a, b) => a - b)
  const out: Uint8Array[] = []
  let from = 0
  for (const c of [...at, bytes.byteLength]) {
    out.push(bytes.subarray(from, c))
    from = c
  }
  return out.filter(p => p.byteLength > 0)
}

describe('chunk frames (fuzz)', () => {
  it('any bytes: frames within the bound or ChunkFrameError, and no frame buffered past it', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3 * MAX }), fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => {
      const decoder = new ChunkFrameDecoder(MAX)
      onlyNamedErrors(() => {
        for (const piece of pieces(bytes, cuts)) {
          decoder.push(piece)
          for (let f = decoder.next(); f != null; f = decoder.next()) assert.ok(f.data.byteLength <= MAX)
        }
      }, ['ChunkFrameError'])
    }), { numRuns: fuzzRuns() })
  })

  it('whatever the encoder makes comes back intact, however it is split', () => {
    const frame = fc.record({ status: statuses, index: fc.nat({ max: 2 ** 31 }), data: fc.uint8Array({ maxLength: MAX - 64 }) })
    fc.assert(fc.property(fc.array(frame, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 8 }), (frames, cuts) => {
      const wire = Uint8Array.from(frames.flatMap(f => [...encodeChunkFrame(f.status, f.index, f.data).subarray()]))
      const decoder = new ChunkFrameDecoder(MAX)
      const got = []
      for (const piece of pieces(wire, cuts)) {
        decoder.push(piece)
        for (let f = decoder.next(); f != null; f = decoder.next()) got.push({ status: f.status, index: f.index, data: f.data.subarray() })
      }
      assert.deepEqual(got, frames.map(f => ({ ...f, data: Uint8Array.from(f.data) })))
      assert.equal(decoder.buffered, 0)
    }), { numRuns: fuzzRuns() })
  })
})
