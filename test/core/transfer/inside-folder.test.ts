/** Paths below a folder are made, checked and opened without following a planted link. */
import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { checkNoLinks, makeDirsInside, openInside } from '../../../electron/core/transfer/inside-folder.js'

describe('inside a folder', () => {
  let base = ''
  let elsewhere = ''
  before(async () => {
    base = await fs.mkdtemp(path.join(tmpdir(), 'peershare-inside-'))
    elsewhere = await fs.mkdtemp(path.join(tmpdir(), 'peershare-elsewhere-'))
    await fs.writeFile(path.join(elsewhere, 'f'), 'outside')
  })
  after(async () => {
    await fs.rm(base, { recursive: true, force: true })
    await fs.rm(elsewhere, { recursive: true, force: true })
  })

  it('makes folders one name at a time and refuses a link among them', async () => {
    await makeDirsInside(base, path.join(base, 'a', 'b'))
    assert.ok((await fs.lstat(path.join(base, 'a', 'b'))).isDirectory())
    await fs.symlink(elsewhere, path.join(base, 'a', 'link'))
    await assert.rejects(makeDirsInside(base, path.join(base, 'a', 'link', 'c')), { name: 'LinkedPathError' })
    await assert.rejects(fs.access(path.join(elsewhere, 'c')), 'nothing was made through the link')
  })

  it('opens no file through a linked folder and leaves the file there as it was', async () => {
    await assert.rejects(openInside(base, path.join(base, 'a', 'link', 'f'), fs.constants.O_RDWR), { name: 'LinkedPathError' })
    await assert.rejects(checkNoLinks(base, path.join(base, 'a', 'link', 'f')), { name: 'LinkedPathError' })
    assert.equal(await fs.readFile(path.join(elsewhere, 'f'), 'utf8'), 'outside')
    const fh = await openInside(base, path.join(base, 'a', 'b', 'g'), fs.constants.O_RDWR | fs.constants.O_CREAT)
    await fh.close()
  })

  it('refuses a path outside the base', async () => {
    await assert.rejects(makeDirsInside(base, path.join(base, '..', 'x')), { name: 'LinkedPathError' })
  })
})
