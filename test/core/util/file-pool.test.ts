import assert from 'node:assert/strict'
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { FilePool } from '../../../electron/core/util/file-pool.js'

let dir: string
before(async () => { dir = await mkdtemp(join(tmpdir(), 'file-pool-')) })
after(async () => { await rm(dir, { recursive: true, force: true }) })

test('at most maxOpen handles stay open, however many files are used', async () => {
  const pool = new FilePool({ maxOpen: 4 })
  let opened = 0
  for (let i = 0; i < 50; i++) {
    const path = join(dir, `f${i}`)
    await writeFile(path, `file ${i}`)
    const text = await pool.use('o', path, async () => { opened++; return await open(path, 'r') }, async fh => (await fh.readFile()).toString())
    assert.equal(text, `file ${i}`)
    assert.ok(pool.size <= 4, `${pool.size} handles open`)
  }
  assert.equal(opened, 50)
  await pool.closeOwner('o')
  assert.equal(pool.size, 0)
})

test('a recently used handle is kept; the least recently used one is closed', async () => {
  const pool = new FilePool({ maxOpen: 2 })
  const opens: string[] = []
  const use = async (name: string): Promise<void> => {
    const path = join(dir, name)
    await writeFile(path, name, { flag: 'a' })
    await pool.use('o', path, async () => { opens.push(name); return await open(path, 'r') }, async () => {})
  }
  await use('a')
  await use('b')
  await use('a')
  await use('c') // closes b, the least recently used
  await use('a')
  await use('b')
  assert.deepEqual(opens, ['a', 'b', 'c', 'b'])
  await pool.closeOwner('o')
})

test('a handle in use is never closed under its user, and its step runs before it closes', async () => {
  const pool = new FilePool({ maxOpen: 1 })
  const path = join(dir, 'held')
  const synced: string[] = []
  let release!: () => void
  const held = pool.use('o', path, async () => await open(path, 'w'), async fh => {
    await new Promise<void>(resolve => { release = resolve })
    await fh.write('still open')
  }, async () => { synced.push('held') })
  await new Promise(resolve => setImmediate(resolve))
  // Another file while the first is held: the pool goes over its bound rather than close a handle in use.
  const other = join(dir, 'other')
  await pool.use('o', other, async () => await open(other, 'w'), async fh => { await fh.write('x') })
  release()
  await held
  assert.equal(await readFile(path, 'utf8'), 'still open')
  await pool.closeOwner('o')
  assert.deepEqual(synced, ['held'])
})
