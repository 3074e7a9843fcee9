/**
 * Property-based fuzzing of manifest decoding, the first thing read from a
 * stranger: any bytes, and any well-formed message with hostile fields
 * (names, sizes, counts, paths that collide), give a manifest whose paths
 * all lie inside the share and can all be written, or one of the named
 * refusals. Valid manifests round-trip to the same bytes.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { Manifest as ManifestMessage } from '../../../electron/core/pb/manifest-message.js'
import { decodeManifest, encodeManifest, makeManifest, HASH_LENGTH, MIN_CHUNK_SIZE } from '../../../electron/core/content/manifest.js'
import { fuzzRuns, onlyNamedErrors } from '../../support/fuzz.js'

const REFUSALS = ['ManifestInvalidError', 'ManifestTooLargeError', 'UnsafePathError']
const segment = fc.constantFrom('a', 'b', 'c', '..', '.', '', 'x:y', 'a\\b', 'ü', 'C:')
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map(s => s.join('/'))

describe('manifests (fuzz)', () => {
  it('any bytes: a manifest or a named refusal', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), bytes => {
      onlyNamedErrors(() => decodeManifest(bytes), REFUSALS)
    }), { numRuns: fuzzRuns() })
  })

  it('hostile fields: a writable manifest inside the share, or a named refusal', () => {
    const file = fc.record({
      path: fc.oneof(path, path.map(p => `a/${p}`)),
      size: fc.oneof(fc.bigInt({ min: 0n, max: 3n * BigInt(MIN_CHUNK_SIZE) }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })),
      hashCount: fc.nat({ max: 4 })
    })
    const message = fc.record({
      version: fc.constantFrom(1, 1, 1, 0, 2),
      name: fc.oneof(fc.constant('a'), segment),
      chunkSize: fc.oneof(fc.constant(MIN_CHUNK_SIZE), fc.nat()),
      files: fc.array(file, { maxLength: 6 })
    })
    fc.assert(fc.property(message, m => {
      const bytes = ManifestMessage.encode({
        version: m.version,
        name: m.name,
        chunkSize: m.chunkSize,
        files: m.files.map(f => ({ path: f.path, size: f.size, hashes: new Uint8Array(f.hashCount * HASH_LENGTH) }))
      })
      onlyNamedErrors(() => {
        const got = decodeManifest(bytes)
        const paths = new Set(got.files.map(f => f.path))
        for (const f of got.files) {
          assert.ok(f.path === got.name || f.path.startsWith(`${got.name}/`), `"${f.path}" lies inside the share`)
          const parts = f.path.split('/')
          for (let i = 1; i < parts.length; i++) assert.ok(!paths.has(parts.slice(0, i).join('/')), `"${f.path}" is below a file`)
        }
      }, REFUSALS)
    }), { numRuns: fuzzRuns() })
  })

  it('valid manifests round-trip to the same bytes', () => {
    const files = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 5 }).chain(names =>
      fc.tuple(...names.map(n => fc.nat({ max: 3 * MIN_CHUNK_SIZE }).map(size => ({ path: `share/${n}`, size })))))
    fc.assert(fc.property(files, list => {
      const m = makeManifest('share', MIN_CHUNK_SIZE, list.map(f => ({ ...f, hashes: new Uint8Array(Math.ceil(f.size / MIN_CHUNK_SIZE) * HASH_LENGTH).fill(1) })))
      const bytes = encodeManifest(m)
      assert.deepEqual(encodeManifest(decodeManifest(bytes)), bytes)
    }), { numRuns: fuzzRuns() })
  })
})
