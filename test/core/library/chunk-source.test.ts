/** Serving from disk: every chunk is checked as it is read, and a changed file stops being served. */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { chunkPath } from '../../../electron/core/content/chunker.js'
import { chunkHash } from '../../../electron/core/content/manifest.js'
import { chunkMatches, ShareSource } from '../../../electron/core/library/chunk-source.js'

const CHUNK = 64 * 1024
let dir: string

describe('share source', () => {
  before(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'peershare-source-')) })
  after(async () => { await fs.rm(dir, { recursive: true, force: true }) })

  it('verifies chunks: right bytes pass, a flipped bit fails', async () => {
    const file = path.join(dir, 'v.bin')
    const data = randomBytes(CHUNK * 2)
    await fs.writeFile(file, data)
    const c = await chunkPath(file, CHUNK)
    assert.equal(chunkMatches(chunkHash(c.manifest, 1), data.subarray(CHUNK)), true)
    const bad = Buffer.from(data.subarray(CHUNK))
    bad[100] ^= 1
    assert.equal(chunkMatches(chunkHash(c.manifest, 1), bad), false)
  })

  it('serves chunks, then refuses once the file changed on disk', async () => {
    const file = path.join(dir, 's.bin')
    const data = randomBytes(CHUNK * 3)
    await fs.writeFile(file, data)
    const c = await chunkPath(file, CHUNK)
    const source = new ShareSource(c.root.toString(), c.manifest, c.manifestBytes, c.files)
    let staleReason: string | undefined
    source.onStale = r => { staleReason = r }
    assert.deepEqual(Buffer.from(await source.read(1)), data.subarray(CHUNK, CHUNK * 2))

    // Same size, and the modification time put back: the hash check must notice on its own.
    const st = await fs.stat(file)
    const fh = await fs.open(file, 'r+')
    await fh.write(Buffer.from('changed'), 0, 7, CHUNK * 2 + 5)
    await fh.close()
    await fs.utimes(file, st.atime, st.mtime)

    await assert.rejects(source.read(2), (err: { code?: string }) => err.code === 'share-stale')
    assert.ok(staleReason != null, 'the share is marked stale')
    assert.equal(source.has(0), false, 'a stale share advertises nothing')
    await source.close()
  })
})
