/**
 * Someone who can write the download folder plants a symbolic link where a
 * download's partial folder will be, pointing at another folder that holds
 * a file of the same name. The download must not truncate, overwrite or
 * move that file; it says what it found, and after the link is removed it
 * finishes.
 */
import assert from 'node:assert/strict'
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, test } from 'node:test'
import {
  MiB, cleanupAll, dialAddr, randomFile, sha256File, startDaemon, summarize, tempDir, uniqueNetwork,
  waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('a symbolic link planted in the download folder never redirects a write outside it', { timeout: 120_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const seeder = await startDaemon({ name: 'seeder', network })
  const original = await randomFile(await tempDir('data'), 3 * MiB, 'payload.bin')
  const share = await shareAndWait(seeder.client, original.path)
  const downloader = await startDaemon({ name: 'downloader', network, bootstrap: [dialAddr(seeder)] })

  const out = await tempDir('out')
  const elsewhere = await tempDir('elsewhere')
  const precious = join(elsewhere, 'payload.bin')
  await writeFile(precious, 'a file outside the download folder\n')
  // The root is public and the partial folder's name can be guessed: plant links under every name it might take.
  await mkdir(join(out, '.peershare'))
  const planted = [share.root, `${share.root}.${downloader.peerId.slice(-12)}`].map(n => join(out, '.peershare', n))
  for (const p of planted) await symlink(elsewhere, p)

  const started = await downloader.client.download({ link: share.link, outDir: out })
  const stopped = await waitForTransfer(downloader, started.id, { until: ['failed', 'paused', 'done'], timeoutMs: 40_000 })
  t.diagnostic(JSON.stringify(summarize(stopped)))
  assert.equal(await readFile(precious, 'utf8'), 'a file outside the download folder\n', 'the file outside was not touched')
  assert.notEqual(stopped.state, 'done', 'the download did not go through the link')
  assert.match(stopped.error?.message ?? '', /symbolic link/i, 'the error says what was found')

  for (const p of planted) await rm(p)
  await downloader.client.resume({ id: started.id })
  const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 40_000 })
  assert.equal(done.path, join(out, 'payload.bin'))
  assert.equal(await sha256File(done.path), original.sha256)
  assert.equal(await readFile(precious, 'utf8'), 'a file outside the download folder\n')
}))
