/**
 * Property-based fuzzing of the length-prefix reader: any bytes a peer
 * sends give a length within the bound, "more bytes needed" only while the
 * prefix is shorter than the bound needs, or FrameLengthError; honest
 * prefixes round-trip; and lpStream with the bounded decoder never waits
 * for more than the bound's worth of prefix bytes.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import * as varint from 'uint8-varint'
import { Uint8ArrayList } from 'uint8arraylist'
import { FrameLengthError, boundedLengthDecoder, prefixBytesFor, readLengthPrefix } from '../../../electron/core/protocol/length-prefix.js'
import { fuzzRuns, onlyNamedErrors } from '../../support/fuzz.js'

const bound = fc.integer({ min: 1, max: 16 * 1024 * 1024 })

describe('length prefixes (fuzz)', () => {
  it('any bytes: a bounded length, a wait no longer than the bound needs, or FrameLengthError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 24 }), bound, (bytes, max) => {
      onlyNamedErrors(() => {
        const got = readLengthPrefix(bytes, 0, max)
        if (got == null) {
          assert.ok(bytes.byteLength < prefixBytesFor(max), `waited for more after ${bytes.byteLength} bytes (bound needs ${prefixBytesFor(max)})`)
        } else {
          assert.ok(got.value <= max)
          assert.ok(got.next <= prefixBytesFor(max))
        }
      }, ['FrameLengthError'])
    }), { numRuns: fuzzRuns() })
  })

  it('honest prefixes round-trip, from one array or however the bytes were split', () => {
    const case_ = bound.chain(max => fc.record({ max: fc.constant(max), value: fc.integer({ min: 0, max }), cut: fc.integer({ min: 0, max: 8 }) }))
    fc.assert(fc.property(case_, ({ max, value, cut }) => {
      const enc = varint.encode(value)
      assert.deepEqual(readLengthPrefix(enc, 0, max), { value, next: enc.byteLength })
      const at = Math.min(cut, enc.byteLength)
      const list = new Uint8ArrayList(enc.subarray(0, at), enc.subarray(at))
      assert.deepEqual(readLengthPrefix(list, 0, max), { value, next: enc.byteLength })
    }), { numRuns: fuzzRuns() })
  })

  it('as lpStream feeds it byte by byte, 0xff never makes it wait past the bound', () => {
    fc.assert(fc.property(bound, fc.integer({ min: 1, max: 64 }), (max, n) => {
      const decode = boundedLengthDecoder(max)
      const buf = new Uint8ArrayList()
      for (let i = 1; i <= n; i++) {
        buf.append(Uint8Array.of(0xff))
        try {
          decode(buf)
          assert.fail('0xff bytes never make a length')
        } catch (err) {
          if (err instanceof FrameLengthError) {
            assert.equal(i, prefixBytesFor(max), 'refused exactly when the bound is reached')
            return
          }
          assert.ok(err instanceof RangeError, `asked for more with ${(err as Error).name}`)
          assert.ok(i < prefixBytesFor(max), `still asking for more after ${i} bytes`)
        }
      }
    }), { numRuns: fuzzRuns() })
  })
})
