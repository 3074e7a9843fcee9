/** Chunking real files on disk: digests, folder order, and a root that depends only on names and bytes. */
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { chunkPath, hashFileChunks } from '../../../electron/core/content/chunker.js'

const CHUNK = 64 * 1024
let dir: string

describe('chunker', () => {
  before(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'peershare-chunker-')) })
  after(async () => { await fs.rm(dir, { recursive: true, force: true }) })

  it('hashes each fixed-size chunk, the last one short', async () => {
    const data = randomBytes(CHUNK * 3 + 100)
    const file = path.join(dir, 'f.bin')
    await fs.writeFile(file, data)
    const hashes = await hashFileChunks(file, data.length, CHUNK)
    assert.equal(hashes.length, 4 * 32)
    for (let i = 0; i < 4; i++) {
      const expected = createHash('sha256').update(data.subarray(i * CHUNK, (i + 1) * CHUNK)).digest()
      assert.deepEqual(Buffer.from(hashes.subarray(i * 32, (i + 1) * 32)), expected)
    }
  })

  it('gives the same root for the same names and bytes in different places', async () => {
    const data = randomBytes(CHUNK + 1)
    for (const where of ['x', 'y']) {
      await fs.mkdir(path.join(dir, where, 'album', 'sub'), { recursive: true })
      await fs.writeFile(path.join(dir, where, 'album', 'sub', 'b.jpg'), data)
      await fs.writeFile(path.join(dir, where, 'album', 'a.txt'), 'hello')
    }
    const x = await chunkPath(path.join(dir, 'x', 'album'), CHUNK)
    const y = await chunkPath(path.join(dir, 'y', 'album'), CHUNK)
    assert.equal(x.root.toString(), y.root.toString())
    assert.deepEqual(x.manifest.files.map(f => f.path), ['album/a.txt', 'album/sub/b.jpg'])
    await fs.writeFile(path.join(dir, 'y', 'album', 'a.txt'), 'hellO')
    const changed = await chunkPath(path.join(dir, 'y', 'album'), CHUNK)
    assert.notEqual(changed.root.toString(), x.root.toString())
  })

  it('skips symbolic links inside a shared folder', async () => {
    await fs.mkdir(path.join(dir, 'withlink'))
    await fs.writeFile(path.join(dir, 'withlink', 'real.txt'), 'real')
    await fs.symlink('/etc/passwd', path.join(dir, 'withlink', 'link'))
    const c = await chunkPath(path.join(dir, 'withlink'), CHUNK)
    assert.deepEqual(c.manifest.files.map(f => f.path), ['withlink/real.txt'])
  })

  it('says clearly when the path does not exist', async () => {
    await assert.rejects(chunkPath(path.join(dir, 'nope'), CHUNK), (err: { code?: string }) => err.code === 'path-not-found')
  })
})
