/** Manifests from strangers: valid ones decode to the same root; hostile ones are refused before allocation. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Manifest as ManifestMessage } from '../../../electron/core/pb/manifest-message.js'
import { decodeManifest, encodeManifest, locateChunk, makeManifest, rootOf, MAX_MANIFEST_BYTES, MAX_FILES } from '../../../electron/core/content/manifest.js'

const CHUNK = 64 * 1024
const hashes = (n: number): Uint8Array => new Uint8Array(32 * n).fill(7)

function encodeRaw (files: Array<{ path: string, size: bigint, hashes: Uint8Array }>, extra: Partial<{ name: string, chunkSize: number, version: number }> = {}): Uint8Array {
  return ManifestMessage.encode({ version: extra.version ?? 1, name: extra.name ?? 'share', chunkSize: extra.chunkSize ?? CHUNK, files: files as any })
}

describe('manifest', () => {
  it('round-trips and numbers chunks across files', async () => {
    const m = makeManifest('share', CHUNK, [
      { path: 'share/a', size: CHUNK * 2 + 1, hashes: hashes(3) },
      { path: 'share/empty', size: 0, hashes: hashes(0) },
      { path: 'share/b', size: 10, hashes: hashes(1) }
    ])
    const bytes = encodeManifest(m)
    const back = decodeManifest(bytes)
    assert.equal(back.chunkCount, 4)
    assert.equal(back.size, CHUNK * 2 + 11)
    assert.deepEqual(locateChunk(back, 2), { file: back.files[0], fileIndex: 0, offset: CHUNK * 2, length: 1 })
    assert.equal(locateChunk(back, 3).file.path, 'share/b')
    assert.equal((await rootOf(bytes)).toString(), (await rootOf(encodeManifest(back))).toString())
  })

  const hostile: Array<[string, () => Uint8Array, string]> = [
    ['a ../ path', () => encodeRaw([{ path: 'share/../../etc/passwd', size: 1n, hashes: hashes(1) }]), 'unsafe-path'],
    ['an absolute path', () => encodeRaw([{ path: '/etc/passwd', size: 1n, hashes: hashes(1) }]), 'unsafe-path'],
    ['a drive letter', () => encodeRaw([{ path: 'C:/Windows/evil', size: 1n, hashes: hashes(1) }], { name: 'C:' }), 'unsafe-path'],
    ['a backslash', () => encodeRaw([{ path: 'share/..\\..\\x', size: 1n, hashes: hashes(1) }]), 'unsafe-path'],
    ['a ../ share name', () => encodeRaw([{ path: '..', size: 1n, hashes: hashes(1) }], { name: '..' }), 'unsafe-path'],
    ['a file outside the share name', () => encodeRaw([{ path: 'other/x', size: 1n, hashes: hashes(1) }]), 'manifest-invalid'],
    ['an absurd file size', () => encodeRaw([{ path: 'share/x', size: 2n ** 62n, hashes: hashes(1) }]), 'too-large'],
    ['an absurd chunk size', () => encodeRaw([{ path: 'share/x', size: 1n, hashes: hashes(1) }], { chunkSize: 2 ** 31 }), 'too-large'],
    ['hashes that do not match the size', () => encodeRaw([{ path: 'share/x', size: BigInt(CHUNK * 5), hashes: hashes(1) }]), 'manifest-invalid'],
    ['a duplicate path', () => encodeRaw([{ path: 'share/x', size: 1n, hashes: hashes(1) }, { path: 'share/x', size: 1n, hashes: hashes(1) }]), 'manifest-invalid'],
    ['an unknown version', () => encodeRaw([{ path: 'share', size: 1n, hashes: hashes(1) }], { version: 9 }), 'manifest-invalid'],
    ['too many files', () => encodeRaw(Array.from({ length: MAX_FILES + 1 }, (_, i) => ({ path: `share/${i}`, size: 0n, hashes: new Uint8Array() }))), 'too-large'],
    ['too many bytes', () => new Uint8Array(MAX_MANIFEST_BYTES + 1), 'too-large'],
    ['garbage', () => new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), 'manifest-invalid']
  ]
  for (const [what, make, code] of hostile) {
    it(`refuses ${what} (${code})`, () => {
      assert.throws(() => decodeManifest(make()), (err: { code?: string, message: string }) => err.code === code && err.message.length > 20)
    })
  }
})
