/** Finishing a download never overwrites a person's file and never writes outside the download folder. */
import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { makeManifest } from '../../../electron/core/content/manifest.js'
import { numberedName, PartialFiles } from '../../../electron/core/transfer/partial-files.js'
import { resolveInside } from '../../../electron/core/content/safe-path.js'

let dir: string

describe('partial files', () => {
  before(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'peershare-partial-')) })
  after(async () => { await fs.rm(dir, { recursive: true, force: true }) })

  it('numbers names like a file manager', () => {
    assert.equal(numberedName('a.txt', 0), 'a.txt')
    assert.equal(numberedName('a.txt', 2), 'a (2).txt')
    assert.equal(numberedName('folder', 1), 'folder (1)')
    assert.equal(numberedName('.bashrc', 1), '.bashrc (1)')
  })

  it('keeps data hidden until complete, then picks a free name', async () => {
    await fs.writeFile(path.join(dir, 'doc.txt'), 'mine, keep me')
    const m = makeManifest('doc.txt', 16 * 1024, [{ path: 'doc.txt', size: 5, hashes: new Uint8Array(32) }])
    const p = new PartialFiles({ outDir: dir, root: 'bafkroot', manifest: m })
    await p.prepare(5)
    await p.write(0, Buffer.from('hello'))
    assert.equal(await fs.readFile(path.join(dir, 'doc.txt'), 'utf8'), 'mine, keep me')
    const final = await p.finalize()
    assert.equal(final, path.join(dir, 'doc (1).txt'))
    assert.equal(await fs.readFile(final, 'utf8'), 'hello')
    assert.equal(await fs.readFile(path.join(dir, 'doc.txt'), 'utf8'), 'mine, keep me')
    assert.deepEqual((await fs.readdir(dir)).sort(), ['doc (1).txt', 'doc.txt'])
  })

  it('resolves only plain relative names inside the folder', () => {
    assert.equal(resolveInside('/d', 'a/b'), path.join('/d', 'a', 'b'))
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\b', 'a//b', './a', '']) {
      assert.throws(() => resolveInside('/d', bad), (err: { code?: string }) => err.code === 'unsafe-path', bad)
    }
  })
})
