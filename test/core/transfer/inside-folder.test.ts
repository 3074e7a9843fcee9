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

  it('makes its folders even when another download in the same folder removes the shared partial folder meanwhile', async () => {
    // A download that finishes deletes the partial folder if it is empty; another download in the same
    // folder may be between making that folder and making its own below it. Bounded: 300 tries.
    const shared = path.join(base, 'race', '.peershare')
    await fs.mkdir(path.dirname(shared))
    for (let i = 0; i < 300; i++) {
      const own = path.join(shared, `root-${i}`)
      let finishing = true
      const otherDownload = (async () => {
        // It finishes once: the first time it finds the partial folder empty, it deletes it.
        for (let k = 0; finishing && k < 10_000; k++) if (await fs.rmdir(shared).then(() => true, () => false)) return
      })()
      try {
        await makeDirsInside(base, own)
      } finally {
        finishing = false
        await otherDownload
      }
      assert.ok((await fs.lstat(own)).isDirectory(), `try ${i}: the download's own folder is there`)
      await fs.rmdir(own)
    }
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
