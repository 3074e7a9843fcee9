/**
 * The download folder turns read-only just before a download completes, so
 * moving the finished file under its name fails. The verified data must be
 * kept and the real cause reported; once the folder is writable again,
 * resuming finishes without fetching a chunk again. Run as an unprivileged
 * user (root ignores permissions), so it needs root to start it.
 */
import assert from 'node:assert/strict'
import { chmod, chown, readdir } from 'node:fs/promises'
import { after, test } from 'node:test'
import {
  MiB, cleanupAll, dialAddr, getTransfer, randomFile, sha256File, startDaemon, summarize, tempDir, uniqueNetwork,
  waitFor, waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

/** The unprivileged user of most systems. */
const NOBODY = { uid: 65534, gid: 65534 }

test('a failed final move keeps every verified chunk and finishes on the next try', { timeout: 150_000 }, withLogsOnFailure(async (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root to run the downloader as another user')
    return
  }
  const network = uniqueNetwork()
  const seeder = await startDaemon({ name: 'seeder', network, uploadLimit: 2 * MiB })
  const original = await randomFile(await tempDir('data'), 8 * MiB, 'payload.bin')
  const share = await shareAndWait(seeder.client, original.path)
  const downloader = await startDaemon({ name: 'downloader', network, bootstrap: [dialAddr(seeder)], user: NOBODY })
  const out = await tempDir('out')
  await chown(out, NOBODY.uid, NOBODY.gid)

  const started = await downloader.client.download({ link: share.link, outDir: out })
  await waitFor(async () => {
    const v = await getTransfer(downloader, started.id)
    return v != null && v.chunkCount > 0 && v.chunksDone >= v.chunkCount - 3
  }, { what: 'the download to be nearly complete', timeoutMs: 60_000, intervalMs: 50 })
  await chmod(out, 0o555)

  const failed = await waitForTransfer(downloader, started.id, { until: ['failed', 'paused', 'done'], timeoutMs: 60_000 }).catch(async () => await getTransfer(downloader, started.id))
  t.diagnostic(JSON.stringify(summarize(failed)))
  assert.notEqual(failed?.state, 'done', 'the file could not be moved into a read-only folder')
  assert.match(failed?.error?.message ?? '', /EACCES|permission denied/i, 'the error is the move\'s own')
  assert.ok((await readdir(out)).includes('.peershare'), 'the partial data is still there')

  await chmod(out, 0o755)
  await downloader.client.resume({ id: started.id })
  const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 60_000 })
  t.diagnostic(JSON.stringify(summarize(done)))
  assert.equal(await sha256File(done.path!), original.sha256, 'the file is byte for byte the original')
  assert.equal(done.chunksFetched, 0, 'no chunk was fetched again')
  assert.equal(done.chunksResumed, done.chunkCount, 'every chunk was kept')
}))
