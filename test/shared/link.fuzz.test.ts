/**
 * Property-based fuzzing of link parsing, which reads whatever a person
 * pastes: any text gives a link or InvalidLinkError; a link's fields stay
 * within their bounds; formatted links parse back to what they said.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { MAX_LINK_PEERS, formatLink, parseLink } from '../../shared/link.js'
import { fuzzRuns, onlyNamedErrors } from '../support/fuzz.js'

const ROOT = 'bafkreigcnprxt5vpflcy2conoxyxiymfylmiab2pqlfs6kj3kuto2wus7i'

describe('links (fuzz)', () => {
  it('any text: a link within its bounds or InvalidLinkError', () => {
    const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }).map(s => `peershare://${ROOT}?${s}`), fc.string({ unit: 'binary', maxLength: 5000 }))
    fc.assert(fc.property(text, t => {
      onlyNamedErrors(() => {
        const link = parseLink(t)
        assert.ok(link.peers.length <= MAX_LINK_PEERS)
        assert.ok(link.name == null || (link.name.length >= 1 && link.name.length <= 255))
        assert.ok(link.size == null || Number.isSafeInteger(link.size))
      }, ['InvalidLinkError'])
    }), { numRuns: fuzzRuns() })
  })

  it('formatted links parse back to what they said', () => {
    const info = fc.record({
      name: fc.option(fc.string({ minLength: 1, maxLength: 255 }).filter(s => s.trim() === s), { nil: undefined }),
      size: fc.option(fc.nat({ max: Number.MAX_SAFE_INTEGER }), { nil: undefined }),
      peers: fc.array(fc.stringMatching(/^\/ip4\/127\.0\.0\.1\/tcp\/[0-9]{1,5}\/p2p\/12D3Koo[a-zA-Z0-9]{10}$/), { maxLength: MAX_LINK_PEERS })
    })
    fc.assert(fc.property(info, i => {
      const back = parseLink(formatLink({ root: ROOT, ...i }))
      assert.deepEqual(back, { root: ROOT, name: i.name, size: i.size, peers: i.peers })
    }), { numRuns: fuzzRuns() })
  })
})
