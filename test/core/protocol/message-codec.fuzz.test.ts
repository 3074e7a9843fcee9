/**
 * Property-based fuzzing of what a peer's requests and responses decode
 * into: any bytes give a message or MalformedMessageError; a have response
 * gives a bitfield of the share's size or a named protocol error, and never
 * more than its frame's bound allows; messages round-trip.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { MAX_HAVE_RESPONSE_BYTES } from '../../../electron/core/protocol/constants.js'
import { haveOf } from '../../../electron/core/protocol/client.js'
import { decodeMessage } from '../../../electron/core/protocol/message-codec.js'
import { ChunkRequest, HaveRequest, HaveResponse, ManifestResponse, Status } from '../../../electron/core/pb/messages.js'
import { fuzzRuns, onlyNamedErrors } from '../../support/fuzz.js'

describe('protocol messages (fuzz)', () => {
  it('any bytes decode into a request or response, or MalformedMessageError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), bytes => {
      onlyNamedErrors(() => decodeMessage(ChunkRequest, bytes, 'chunk request'), ['MalformedMessageError'])
      onlyNamedErrors(() => decodeMessage(HaveRequest, bytes, 'have request'), ['MalformedMessageError'])
      onlyNamedErrors(() => decodeMessage(HaveResponse, bytes, 'have response'), ['MalformedMessageError'])
      onlyNamedErrors(() => decodeMessage(ManifestResponse, bytes, 'manifest response'), ['MalformedMessageError'])
    }), { numRuns: fuzzRuns() })
  })

  it('a have response becomes a bitfield of the share\'s size, or a named error', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), fc.option(fc.nat({ max: 4096 })), (bytes, chunkCount) => {
      onlyNamedErrors(() => {
        const res = decodeMessage(HaveResponse, bytes, 'have response')
        const have = haveOf(res, chunkCount ?? undefined, 'peer', 'root')
        if (chunkCount != null) assert.equal(have.length, chunkCount)
        assert.ok(have.length <= MAX_HAVE_RESPONSE_BYTES * 8)
      }, ['MalformedMessageError', 'NotAvailableError', 'ProtocolViolationError'])
    }), { numRuns: fuzzRuns() })
  })

  it('requests and responses round-trip', () => {
    const have = fc.nat({ max: 2000 }).chain(n => fc.record({
      status: fc.constant(Status.OK),
      chunkCount: fc.constant(n),
      bitfield: fc.uint8Array({ minLength: Math.ceil(n / 8), maxLength: Math.ceil(n / 8) })
    }))
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(), fc.uint8Array({ maxLength: 32 }), have, (root, index, proof, res) => {
      const request = { root: root as Uint8Array<ArrayBuffer>, index, proof: proof as Uint8Array<ArrayBuffer> }
      assert.deepEqual(decodeMessage(ChunkRequest, ChunkRequest.encode(request), 'x'), request)
      const back = decodeMessage(HaveResponse, HaveResponse.encode(res as HaveResponse), 'x')
      assert.equal(haveOf(back, res.chunkCount, 'p', 'r').length, res.chunkCount)
    }), { numRuns: fuzzRuns() })
  })
})
