/**
 * The one atomic write of a profile's files, and the peer key built on it:
 * a file appears whole with owner-only access, replaces the old one or
 * (exclusive) refuses to, and leaves no temporary file behind either way.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { isFileExists, loadOrCreatePeerKey, profilePath, writeFileAtomic } from '../../../electron/core/profile/index.js'

let dir: string

describe('writeFileAtomic', () => {
  before(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'peershare-atomic-')) })
  after(async () => { await fs.rm(dir, { recursive: true, force: true }) })

  it('writes, then replaces, with owner-only access and nothing left beside it', async () => {
    const file = path.join(dir, 'a.json')
    await writeFileAtomic(file, 'one')
    await writeFileAtomic(file, new TextEncoder().encode('two'))
    assert.equal(await fs.readFile(file, 'utf8'), 'two')
    if (process.platform !== 'win32') assert.equal((await fs.stat(file)).mode & 0o777, 0o600)
    assert.deepEqual(await fs.readdir(dir), ['a.json'])
  })

  it('exclusive: creates once, then refuses with EEXIST and keeps the first content', async () => {
    const file = path.join(dir, 'secret')
    await writeFileAtomic(file, 'first', { exclusive: true })
    await assert.rejects(writeFileAtomic(file, 'second', { exclusive: true }), (err: unknown) => isFileExists(err))
    assert.equal(await fs.readFile(file, 'utf8'), 'first')
    assert.deepEqual((await fs.readdir(dir)).filter(name => name.startsWith('secret')), ['secret'])
  })

  it('of many racing exclusive writers, exactly one wins', async () => {
    const file = path.join(dir, 'race')
    const results = await Promise.allSettled(Array.from({ length: 8 }, async (_, i) => { await writeFileAtomic(file, `writer ${i}`, { exclusive: true }) }))
    const won = results.flatMap((r, i) => r.status === 'fulfilled' ? [i] : [])
    assert.equal(won.length, 1)
    assert.equal(await fs.readFile(file, 'utf8'), `writer ${won[0]}`)
  })

  it('fails when the folder does not exist, leaving nothing behind', async () => {
    await assert.rejects(writeFileAtomic(path.join(dir, 'missing', 'x'), 'x'), { code: 'ENOENT' })
  })
})

describe('peer key', () => {
  it('is created once and read back at every start, so the PeerId survives', async () => {
    const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'peershare-key-'))
    try {
      const first = await loadOrCreatePeerKey(profile)
      const again = await loadOrCreatePeerKey(profile)
      assert.ok(first.equals(again))
      await fs.writeFile(profilePath(profile, 'key'), 'not a key')
      await assert.rejects(loadOrCreatePeerKey(profile), /unreadable.*move it away/)
    } finally {
      await fs.rm(profile, { recursive: true, force: true })
    }
  })
})
