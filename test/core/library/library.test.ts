/**
 * The library noticing what people do to shared files behind its back: a
 * file deleted or moved away makes its share missing (not served, not
 * offered, even through a file handle opened before), putting it back makes
 * it seeding again, and one changed on disk makes it stale.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { Library } from '../../../electron/core/library/library.js'
import { Store } from '../../../electron/core/library/store.js'

const CHUNK = 64 * 1024
const links = (root: string): string => `peershare://${root}`

describe('library', () => {
  let dir: string
  let store: Store
  let library: Library
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'peershare-library-'))
    store = new Store({ path: path.join(dir, 'store') })
    await store.start()
    library = new Library({ store }, { chunkSize: CHUNK })
    await library.load()
  })
  afterEach(async () => {
    await library.close()
    await store.stop()
    await fs.rm(dir, { recursive: true, force: true })
  })

  it('a share whose file is moved away is missing, not served, and seeds again once the file is back', async () => {
    const file = path.join(dir, 'movie.bin')
    await fs.writeFile(file, randomBytes(CHUNK * 2))
    const { root } = await library.share(file)
    const changes: string[] = []
    library.onChange = r => { changes.push(r) }
    // Served once, so a file handle is open.
    assert.equal((await library.get(root)!.read(0)).byteLength, CHUNK)

    const away = path.join(dir, 'elsewhere.bin')
    await fs.rename(file, away)
    assert.deepEqual(await library.checkFiles(), [root])
    assert.deepEqual(changes, [root])
    const view = library.view(root, links)
    assert.equal(view.state, 'missing')
    assert.deepEqual(view.missingFiles, [file])
    assert.equal(library.get(root), undefined, 'nothing to serve')
    assert.equal(library.offers(root), false, 'nor to announce')
    assert.deepEqual(await library.checkFiles(), [], 'still missing: no news')

    await fs.rename(away, file)
    assert.deepEqual(await library.checkFiles(), [root])
    assert.equal(library.view(root, links).state, 'seeding')
    assert.equal((await library.get(root)!.read(1)).byteLength, CHUNK, 'served again')
  })

  it('a missing share is missing right after a restart', async () => {
    const file = path.join(dir, 'gone.bin')
    await fs.writeFile(file, randomBytes(CHUNK))
    const { root } = await library.share(file)
    await fs.rm(file)
    const again = new Library({ store }, { chunkSize: CHUNK })
    await again.load()
    assert.equal(again.view(root, links).state, 'missing')
    assert.equal(again.offers(root), false)
    await again.close()
  })

  it('a share whose file changed size is stale, and stays so', async () => {
    const file = path.join(dir, 'grows.bin')
    await fs.writeFile(file, randomBytes(CHUNK))
    const { root } = await library.share(file)
    await fs.appendFile(file, 'more')
    assert.deepEqual(await library.checkFiles(), [root])
    const view = library.view(root, links)
    assert.equal(view.state, 'stale')
    assert.match(view.staleReason ?? '', /grows\.bin: size or modification time changed/)
    assert.equal(library.get(root), undefined)
  })
})
