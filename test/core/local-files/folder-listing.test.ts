/**
 * The node's file chooser over a real folder: folders first, then files by
 * name (numbers in order), sizes for files, dot-names only when typed, a
 * half-typed name narrowing its folder, links followed, bounds kept, and
 * clear errors for what is not there.
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { FolderNotFoundError, listFolder, RelativePathError } from '../../../electron/core/local-files/index.js'

describe('folder listing', () => {
  let home: string

  before(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'peershare-listing-'))
    await mkdir(path.join(home, 'Videos'))
    await mkdir(path.join(home, 'videos-old'))
    await mkdir(path.join(home, '.config'))
    await writeFile(path.join(home, 'notes 10.txt'), 'ten')
    await writeFile(path.join(home, 'notes 9.txt'), 'nine!')
    await writeFile(path.join(home, 'Videos', 'holiday.mp4'), Buffer.alloc(1234))
    await symlink(path.join(home, 'Videos'), path.join(home, 'film-link'))
    await symlink(path.join(home, 'nowhere'), path.join(home, 'broken-link'))
  })
  after(async () => { await rm(home, { recursive: true, force: true }) })

  it('lists the home folder for "" and ~: folders first, then files, with sizes; no dot-names', async () => {
    for (const input of ['', '~', '~/']) {
      const listing = await listFolder(input, { home })
      assert.equal(listing.folder, home)
      assert.equal(listing.filter, '')
      assert.equal(listing.separator, path.sep)
      assert.equal(listing.parent, path.dirname(home))
      assert.deepEqual(listing.entries.map(e => [e.name, e.kind, e.size]), [
        ['film-link', 'folder', null],
        ['Videos', 'folder', null],
        ['videos-old', 'folder', null],
        ['notes 9.txt', 'file', 5],
        ['notes 10.txt', 'file', 3]
      ])
      assert.equal(listing.truncated, false)
    }
  })

  it('narrows a folder to the names starting with what is typed (any case), and shows dot-names once a dot is typed', async () => {
    const listing = await listFolder(path.join(home, 'vid'), { home })
    assert.equal(listing.folder, home)
    assert.equal(listing.filter, 'vid')
    assert.deepEqual(listing.entries.map(e => e.path), [path.join(home, 'Videos'), path.join(home, 'videos-old')])
    assert.deepEqual((await listFolder('~/.c', { home })).entries.map(e => e.name), ['.config'])
  })

  it('lists a folder named with or without its trailing separator', async () => {
    for (const input of [path.join(home, 'Videos'), `${path.join(home, 'Videos')}/`, '~/Videos']) {
      const listing = await listFolder(input, { home })
      assert.equal(listing.folder, path.join(home, 'Videos'))
      assert.deepEqual(listing.entries.map(e => [e.name, e.size]), [['holiday.mp4', 1234]])
    }
  })

  it('keeps to its bound and says when more matched', async () => {
    const listing = await listFolder(home, { home, limit: 2 })
    assert.equal(listing.entries.length, 2)
    assert.equal(listing.truncated, true)
  })

  it('refuses relative paths and names a folder that is not there', async () => {
    await assert.rejects(listFolder('Videos', { home }), RelativePathError)
    await assert.rejects(listFolder(path.join(home, 'missing', 'deeper'), { home }), (err: unknown) => {
      assert.ok(err instanceof FolderNotFoundError)
      assert.equal(err.code, 'path-not-found')
      assert.match(err.message, /There is no folder .*missing on the computer PeerShare runs on/)
      return true
    })
  })
})
