/** Version-2 manifests: bounded blocks, each checked against its parent; the root depends only on names and bytes. */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import { ChunkHashes } from '../../../electron/core/content/chunk-hashes.js'
import { chunksFor, encodeManifest, makeManifest, rootOf, type ListedFile } from '../../../electron/core/content/manifest.js'
import {
  FileHashes, INLINE_HASHES, MAX_BLOCK_BYTES, PIECE_HASHES, assembleManifest, buildPagedManifest, decodeRootBlock, digestAt
} from '../../../electron/core/content/paged-manifest.js'

const CHUNK = 16 * 1024
const hex = (d: Uint8Array): string => Buffer.from(d).toString('hex')
/** A made-up digest for chunk `i` of a file. */
const digestOf = (path: string, i: number): Uint8Array => createHash('sha256').update(`${path}#${i}`).digest()

/** Builds a share of the given files (sizes only: digests are made up) into an in-memory block map. */
async function build (name: string, files: ReadonlyArray<{ path: string, size: number }>): Promise<{ blocks: Map<string, Uint8Array>, rootBytes: Uint8Array, listed: ListedFile[] }> {
  const blocks = new Map<string, Uint8Array>()
  const sink = async (d: Uint8Array, bytes: Uint8Array): Promise<void> => { blocks.set(hex(d), bytes) }
  const listed: ListedFile[] = []
  for (const f of files) {
    const h = new FileHashes(chunksFor(f.size, CHUNK), sink)
    for (let i = 0; i < chunksFor(f.size, CHUNK); i++) await h.push(digestOf(f.path, i))
    listed.push({ path: f.path, size: f.size, ...await h.finish() })
  }
  const { rootBytes } = await buildPagedManifest(name, CHUNK, listed, sink)
  return { blocks, rootBytes, listed }
}

async function open (rootBytes: Uint8Array, blocks: Map<string, Uint8Array>): Promise<ReturnType<typeof assembleManifest>> {
  const root = decodeRootBlock(rootBytes)
  assert.equal(root.version, 2)
  if (root.version !== 2) throw new Error('unreachable')
  return await assembleManifest(root.root, async d => ({ bytes: blocks.get(hex(d)) ?? new Uint8Array(), from: 'test' }))
}

describe('paged manifest', () => {
  const big = { path: 'share/big.img', size: (PIECE_HASHES * 2 + 5) * CHUNK - 7 }
  const files = [{ path: 'share/a.txt', size: 10 }, { path: 'share/empty', size: 0 }, big, { path: 'share/z/four.bin', size: INLINE_HASHES * CHUNK }]

  it('reads back the listing and every chunk hash, a small file inline, a large one from pieces', async () => {
    const { blocks, rootBytes } = await build('share', files)
    const { manifest } = await open(rootBytes, blocks)
    assert.deepEqual(manifest.files.map(f => [f.path, f.size]), files.map(f => [f.path, f.size]))
    assert.equal(manifest.files[2].hashes.byteLength, 0)
    assert.equal(manifest.files[2].pieces?.byteLength, 3 * 32, 'three pieces, the last short')
    assert.equal(manifest.files[3].pieces?.byteLength ?? 0, 0, 'four chunks stay inline')
    const loads: string[] = []
    const hashes = new ChunkHashes(manifest, { get: async d => { loads.push(hex(d)); return { bytes: blocks.get(hex(d))!, from: 'test' } } })
    const first = manifest.files[2].firstChunk
    for (const k of [0, 1, PIECE_HASHES - 1, PIECE_HASHES, PIECE_HASHES * 2 + 4]) {
      assert.equal(hex(await hashes.of(first + k)), hex(digestOf(big.path, k)), `chunk ${k} of the large file`)
    }
    assert.equal(loads.length, 3, 'each piece loaded once')
    assert.equal(hex(await hashes.of(0)), hex(digestOf('share/a.txt', 0)))
  })

  it('gives the same root for the same names and bytes, another for other names', async () => {
    const a = await build('share', files)
    const b = await build('share', files)
    assert.equal((await rootOf(a.rootBytes)).toString(), (await rootOf(b.rootBytes)).toString())
    const c = await build('share', files.map(f => f.path === 'share/a.txt' ? { ...f, path: 'share/b.txt' } : f))
    assert.notEqual((await rootOf(a.rootBytes)).toString(), (await rootOf(c.rootBytes)).toString())
  })

  it('cuts a large listing into bounded pages', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ path: `share/${'n'.repeat(100)}-${String(i).padStart(5, '0')}`, size: 3 * CHUNK }))
    const { blocks, rootBytes } = await build('share', many)
    const { manifest, pages } = await open(rootBytes, blocks)
    assert.equal(manifest.files.length, 5000)
    assert.ok(pages.length > 1, `${pages.length} pages`)
    for (const p of pages) assert.ok(p.byteLength <= MAX_BLOCK_BYTES)
  })

  it('refuses a page that does not match the digest its root names', async () => {
    const { blocks, rootBytes } = await build('share', files)
    const root = decodeRootBlock(rootBytes)
    if (root.version !== 2) throw new Error('unreachable')
    const page = blocks.get(hex(digestAt(root.root.pages, 0)))!
    const swapped = Uint8Array.from(page)
    swapped[swapped.length - 1] ^= 1
    await assert.rejects(assembleManifest(root.root, async () => ({ bytes: swapped, from: 'peer-x' })),
      (err: Error & { code?: string }) => err.name === 'BlockMismatchError' && err.code === 'manifest-invalid' && /peer-x/.test(err.message))
  })

  it('refuses a piece that does not match the digest its listing entry names', async () => {
    const { blocks, rootBytes } = await build('share', files)
    const { manifest } = await open(rootBytes, blocks)
    const hashes = new ChunkHashes(manifest, { get: async d => ({ bytes: Uint8Array.from(blocks.get(hex(d))!).fill(9, 0, 32), from: 'peer-y' }) })
    await assert.rejects(hashes.of(manifest.files[2].firstChunk), (err: Error) => err.name === 'BlockMismatchError' && /peer-y/.test(err.message))
  })

  it('still reads a version-1 manifest, the whole of it in one message', async () => {
    const m = makeManifest('old.bin', CHUNK, [{ path: 'old.bin', size: 3 * CHUNK, hashes: new Uint8Array(3 * 32).fill(1) }])
    const block = decodeRootBlock(encodeManifest(m))
    assert.equal(block.version, 1)
    if (block.version === 1) assert.equal(block.manifest.chunkCount, 3)
  })

  it('refuses a root whose totals are past the limits, in the words a sharer uses', async () => {
    const { ManifestRoot } = await import('../../../electron/core/pb/manifest-message.js')
    const bytes = ManifestRoot.encode({ version: 2, name: 'x', chunkSize: CHUNK, size: 1n, fileCount: 100_001, chunkCount: 1n, pages: new Uint8Array(32) })
    assert.throws(() => decodeRootBlock(bytes), (err: Error & { code?: string }) => err.code === 'too-large' && /more than 100,000 files; PeerShare shares and downloads at most 100,000 files/.test(err.message))
  })
})
