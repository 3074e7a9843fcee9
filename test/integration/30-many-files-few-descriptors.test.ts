/**
 * A folder of 20,000 small files (200 folders of 100) between two daemons
 * that each may hold only 256 open descriptors, as on a laptop (macOS allows
 * 256 by default, most Linux desktops 1,024): it shares, its listing is
 * looked up, a picked subfolder downloads, then the whole folder does,
 * byte-identical. (`npm run bench` does the same with 100,000 files.)
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, test } from 'node:test'
import {
  cleanupAll, listTree, startSwarm, tempDir, treeFingerprint, uniqueNetwork, waitForTransfer, withLogsOnFailure, writeManyFiles
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

const FOLDERS = 200
const PER_FOLDER = 100
const DESCRIPTORS = 256

test('20,000 files share and download under ulimit -n 256 on both sides', { timeout: 600_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const [sharer, downloader] = await startSwarm(2, { network, maxOpenFiles: DESCRIPTORS, node: i => ({ name: ['sharer', 'downloader'][i] }) })

  const base = await tempDir('many-files')
  const photos = join(base, 'photos')
  let started = Date.now()
  const count = await writeManyFiles(photos, FOLDERS, PER_FOLDER)
  t.diagnostic(`wrote ${count} files in ${Date.now() - started} ms`)

  started = Date.now()
  const share = await shareAndWait(sharer.client, photos)
  t.diagnostic(`shared in ${Date.now() - started} ms`)
  assert.equal(share.fileCount, count)

  // The listing comes from the network, every file of it.
  const info = await downloader.client.lookup({ link: share.link })
  assert.equal(info.files.length, count)
  assert.ok(info.files.some(f => f.path === 'photos/d0123/f00042.txt'))

  // A picked subfolder first: only its files arrive.
  const pickedOut = await tempDir('many-files-picked')
  started = Date.now()
  const picked = await downloader.client.download({ link: share.link, outDir: pickedOut, files: ['photos/d0123'] })
  await waitForTransfer(downloader, picked.id, { until: 'done', timeoutMs: 120_000 })
  t.diagnostic(`picked folder downloaded in ${Date.now() - started} ms`)
  const pickedFiles = (await listTree(pickedOut)).filter(p => !p.startsWith('.') && !p.endsWith('/'))
  assert.equal(pickedFiles.length, PER_FOLDER)
  assert.ok(pickedFiles.every(p => p.startsWith('photos/d0123/')), 'only the picked folder arrived')
  assert.deepEqual(await treeFingerprint(join(pickedOut, 'photos', 'd0123')), await treeFingerprint(join(photos, 'd0123')))
  await downloader.client.forget({ id: picked.id })

  // Then all of it.
  const out = await tempDir('many-files-out')
  started = Date.now()
  const all = await downloader.client.download({ link: share.link, outDir: out })
  const done = await waitForTransfer(downloader, all.id, { until: 'done', timeoutMs: 400_000, intervalMs: 1000 })
  t.diagnostic(`downloaded ${done.size} bytes in ${count} files in ${Date.now() - started} ms`)
  assert.deepEqual(await treeFingerprint(join(out, 'photos')), await treeFingerprint(photos), 'the copy is byte-identical')
  assert.equal(sharer.exited || downloader.exited, false, 'both daemons still run')
}))
