/**
 * Downloading into a folder on a disk that fills up: the transfer stops with
 * a 'disk-full' error a person can act on, no half-written file appears under
 * its real name, and once space is freed, resume finishes it correctly.
 * Needs root to mount a small tmpfs.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { after, test } from 'node:test'
import { promisify } from 'node:util'
import {
  MiB, cleanupAll, dialAddr, randomFile, registerCleanup, sha256File, startDaemon, summarize, tempDir, uniqueNetwork,
  waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

const run = promisify(execFile)

after(cleanupAll)

test('a full disk pauses the download with disk-full, and resume finishes it', { timeout: 90_000 }, withLogsOnFailure(async (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root to mount a tmpfs')
    return
  }
  const mnt = await tempDir('tmpfs')
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt])
  } catch (err) {
    t.skip(`cannot mount a tmpfs here: ${(err as { stderr?: string }).stderr?.trim() ?? (err as Error).message}`)
    return
  }
  // Registered after the temp dir and before the daemons: daemons stop first, then umount, then rm.
  registerCleanup(`umount ${mnt}`, async () => {
    try { await run('umount', [mnt]) } catch { await run('umount', ['-l', mnt]) }
  })

  const network = uniqueNetwork()
  const seeder = await startDaemon({ name: 'seeder', network })
  const downloader = await startDaemon({ name: 'downloader', network, bootstrap: [dialAddr(seeder)] })
  const original = await randomFile(await tempDir('data'), 12 * MiB, 'big.bin')
  const share = await shareAndWait(seeder.client, original.path)

  const started = await downloader.client.download({ link: share.link, outDir: mnt })
  const stopped = await waitForTransfer(downloader, started.id, { until: ['paused', 'failed', 'done'], timeoutMs: 40_000 })
  const summary = JSON.stringify(summarize(stopped))
  t.diagnostic(`stopped in state ${stopped.state} after ${stopped.chunksDone}/${stopped.chunkCount} chunks: ${stopped.error?.code}: ${stopped.error?.message}`)
  assert.notEqual(stopped.state, 'done', `12 MiB cannot fit in 8 MiB: ${summary}`)
  assert.equal(stopped.error?.code, 'disk-full', `the transfer says the disk is full: ${summary}`)
  assert.match(stopped.error?.message ?? '', /full|space/i, 'the message says what is wrong')

  const entries = await readdir(mnt)
  assert.ok(!entries.includes(basename(original.path)), `no file under its real name while incomplete: ${entries.join(', ')}`)
  assert.deepEqual(entries.filter(e => !e.startsWith('.')), [], `only hidden partial data in the out dir: ${entries.join(', ')}`)

  await run('mount', ['-o', 'remount,size=64m', mnt])
  await downloader.client.resume({ id: started.id })
  const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 40_000 })
  assert.equal(done.path, join(mnt, basename(original.path)), 'the file lands in the out dir under its name')
  assert.equal(await sha256File(done.path), original.sha256, 'the bytes match after the resume')
}))
