/**
 * Making shares, over a real store: shares made before version 2 still load
 * and serve; re-sharing a changed folder hashes only what changed; a share
 * stopped half-way leaves nothing in the store.
 */
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { encodeManifest, makeManifest, rootOf } from '../../../electron/core/content/manifest.js'
import { Library } from '../../../electron/core/library/library.js'
import { Store } from '../../../electron/core/library/store.js'
import { storeKeys } from '../../../electron/core/library/store-keys.js'

const CHUNK = 16 * 1024
let dir: string
let store: Store

/** Every key in the store. */
async function keys (): Promise<string[]> {
  const out: string[] = []
  for await (const rows of store.entries('')) out.push(...rows.map(([k]) => k))
  return out
}

describe('library: making shares', () => {
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'peershare-library-'))
    store = new Store({ path: path.join(dir, 'store') })
    await store.start()
  })
  afterEach(async () => {
    await store.stop()
    await fs.rm(dir, { recursive: true, force: true })
  })

  it('loads and serves a share stored with a version-1 manifest', async () => {
    const file = path.join(dir, 'old.bin')
    const data = randomBytes(CHUNK * 2 + 5)
    await fs.writeFile(file, data)
    const hashes = new Uint8Array(3 * 32)
    for (let i = 0; i < 3; i++) hashes.set(createHash('sha256').update(data.subarray(i * CHUNK, (i + 1) * CHUNK)).digest(), i * 32)
    const bytes = encodeManifest(makeManifest('old.bin', CHUNK, [{ path: 'old.bin', size: data.byteLength, hashes }]))
    const root = (await rootOf(bytes)).toString()
    const st = await fs.stat(file)
    await store.putBytes(storeKeys.shareManifest(root), bytes)
    await store.putJson(storeKeys.share(root), { root, name: 'old.bin', path: file, files: [{ path: 'old.bin', absPath: file, size: st.size, mtimeMs: st.mtimeMs }], addedAt: 1 })

    const library = new Library({ store }, { chunkSize: CHUNK })
    await library.load()
    assert.deepEqual(library.roots(), [root])
    assert.ok(Buffer.from(await library.get(root)!.read(2)).equals(data.subarray(2 * CHUNK)))
    await library.close()
  })

  it('re-sharing a changed folder hashes only the files whose size or modification time changed', async () => {
    const folder = path.join(dir, 'album')
    await fs.mkdir(folder)
    for (const name of ['a.bin', 'b.bin', 'c.bin']) await fs.writeFile(path.join(folder, name), randomBytes(CHUNK * 6))
    const library = new Library({ store }, { chunkSize: CHUNK })
    let hashed = 0
    let reused: string[] = []
    const onFile = (f: { path: string }, again: boolean): void => { if (again) reused.push(f.path) }
    const first = await library.share(folder, { onBytes: n => { hashed += n }, onFile })
    assert.equal(hashed, 3 * CHUNK * 6)
    assert.deepEqual(reused, [])

    await fs.writeFile(path.join(folder, 'b.bin'), randomBytes(CHUNK * 7))
    hashed = 0
    reused = []
    const second = await library.share(folder, { onBytes: n => { hashed += n }, onFile })
    assert.deepEqual(reused, ['album/a.bin', 'album/c.bin'], 'the unchanged files were not hashed again')
    assert.notEqual(second.root, first.root)
    const reread = new Library({ store }, { chunkSize: CHUNK })
    await reread.load()
    // Every chunk of the new share reads back and verifies, the reused files' too.
    const source = reread.get(second.root)!
    for (let i = 0; i < source.manifest.chunkCount; i++) await source.read(i)
    await reread.close()
    await library.close()
    assert.equal(hashed, 3 * CHUNK * 6 + CHUNK, 'progress still counts every byte')
  })

  it('a share stopped while hashing leaves nothing in the store', async () => {
    const folder = path.join(dir, 'big')
    await fs.mkdir(folder)
    for (let i = 0; i < 4; i++) await fs.writeFile(path.join(folder, `f${i}.bin`), randomBytes(CHUNK * 20))
    const library = new Library({ store }, { chunkSize: CHUNK })
    const controller = new AbortController()
    await assert.rejects(library.share(folder, { signal: controller.signal, onFile: () => { controller.abort(new Error('cancelled')) } }))
    assert.deepEqual(await keys(), [])
    assert.deepEqual(library.roots(), [])
    await library.close()
  })
})
