/**
 * Property-based fuzzing of what an API request body turns into: any bytes
 * give a JSON object or one of the named refusals, never more than the
 * limit is read; the engine's checks of a command's arguments (a link, the
 * picked files) take any JSON value and answer with a value or a named error.
 */
import assert from 'node:assert/strict'
import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { checkPicks } from '../../electron/core/content/selection.js'
import { checkLink } from '../../electron/core/engine/links.js'
import { readJsonBody } from '../../electron/host/json-body.js'
import { fuzzRuns, onlyNamedErrors } from '../support/fuzz.js'

const LIMIT = 2048

/** A request whose body arrives in the given pieces. */
function request (pieces: Uint8Array[], declared?: number): IncomingMessage {
  return Object.assign(Readable.from(pieces.map(p => Buffer.from(p))), { headers: declared == null ? {} : { 'content-length': String(declared) } }) as unknown as IncomingMessage
}

describe('API bodies (fuzz)', () => {
  it('any bytes: a JSON object or a named refusal, within the limit', async () => {
    const body = fc.oneof(
      fc.array(fc.uint8Array({ maxLength: 1024 }), { maxLength: 4 }),
      fc.json().map(j => [new TextEncoder().encode(j)]),
      fc.object().map(o => [new TextEncoder().encode(JSON.stringify(o))])
    )
    await fc.assert(fc.asyncProperty(body, fc.option(fc.nat({ max: 4 * LIMIT })), async (pieces, declared) => {
      try {
        const value = await readJsonBody(request(pieces, declared ?? undefined), LIMIT)
        assert.ok(value != null && typeof value === 'object' && !Array.isArray(value))
        assert.ok(pieces.reduce((n, p) => n + p.byteLength, 0) <= LIMIT)
      } catch (err) {
        assert.ok(['BadJsonBodyError', 'BodyTooLargeError'].includes((err as Error).name), `threw ${(err as Error).name}: ${(err as Error).message}`)
      }
    }), { numRuns: fuzzRuns() })
  })

  it('a command\'s link and picks: any JSON value gives a value or a named error', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.string({ maxLength: 200 }), (value, text) => {
      onlyNamedErrors(() => checkLink(value), ['InvalidLinkError'])
      onlyNamedErrors(() => checkLink(`peershare://bafkreigcnprxt5vpflcy2conoxyxiymfylmiab2pqlfs6kj3kuto2wus7i?peer=${encodeURIComponent(`/${text}/p2p/x`)}`), ['InvalidLinkError'])
      onlyNamedErrors(() => checkPicks(value), ['BadRequestError'])
    }), { numRuns: fuzzRuns() })
  })
})
