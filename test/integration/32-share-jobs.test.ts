/**
 * Sharing as a background job, against a real daemon: `share` answers at
 * once with a job while a 1 TiB (sparse) file is hashed; progress (bytes,
 * rate, ETA) arrives as events; cancelling through the API, the CLI's
 * Ctrl-C or `peershare jobs cancel ID` stops the hashing within a second
 * and leaves nothing registered, also after a restart; re-sharing a changed
 * folder hashes only the files that changed.
 */
import assert from 'node:assert/strict'
import { truncate, writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, test } from 'node:test'
import { shareAndWait, type PeerShareEvent, type ShareJobView } from '../../shared/index.js'
import { cleanupAll, runCli, startDaemon, tempDir, uniqueNetwork, waitFor, withLogsOnFailure } from '../support/index.js'

after(cleanupAll)

const TiB = 2 ** 40

/** A sparse file of `bytes` bytes (zeros, no disk used). */
async function sparseFile (dir: string, name: string, bytes: number): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, '')
  await truncate(path, bytes)
  return path
}

test('a 1 TiB share runs as a job: progress as events, cancelled within a second, nothing kept', { timeout: 180_000 }, withLogsOnFailure(async (t) => {
  let daemon = await startDaemon({ name: 'sharer', network: uniqueNetwork() })
  const data = await tempDir('share-jobs')
  const huge = await sparseFile(data, 'disk.img', TiB)

  const events: ShareJobView[] = []
  const unsubscribe = await daemon.client.subscribe((e: PeerShareEvent) => { if (e.kind === 'share-job') events.push(e.job) })
  const asked = Date.now()
  const job = await daemon.client.share({ path: huge })
  t.diagnostic(`share answered in ${Date.now() - asked} ms`)
  assert.equal(job.state, 'hashing', 'share answers while the file is still being hashed')
  assert.equal(job.filesTotal, 1)
  assert.equal(job.bytesTotal, TiB)

  await t.test('progress arrives as events: bytes, rate and ETA', async () => {
    const moving = await waitFor(() => events.find(e => e.id === job.id && e.bytesDone > 0 && e.rate > 0 && e.etaSeconds != null && e.etaSeconds > 0),
      { what: 'a share-job event with progress', timeoutMs: 30_000, diagnose: () => events.at(-1) })
    t.diagnostic(`${moving.bytesDone} bytes hashed at ${Math.round(moving.rate / 2 ** 20)} MiB/s, ETA ${moving.etaSeconds} s`)
    const listed = (await daemon.client.shareJobs({})).find(j => j.id === job.id)
    assert.equal(listed?.state, 'hashing', 'the jobs list shows it too')
  })

  await t.test('cancel stops the hashing within a second and keeps nothing', async () => {
    const started = Date.now()
    const cancelled = await daemon.client.cancelShareJob({ id: job.id })
    const took = Date.now() - started
    t.diagnostic(`cancelled in ${took} ms at ${cancelled.bytesDone} bytes`)
    assert.equal(cancelled.state, 'cancelled')
    assert.ok(took < 1000, `cancel took ${took} ms`)
    await sleep(500)
    const later = (await daemon.client.shareJobs({})).find(j => j.id === job.id)
    assert.equal(later?.bytesDone, cancelled.bytesDone, 'no byte was hashed after the cancel answered')
    assert.deepEqual(await daemon.client.shares({}), [], 'nothing was registered')
    await waitFor(() => events.some(e => e.id === job.id && e.state === 'cancelled'), { what: 'the cancelled event', timeoutMs: 5_000 })
    unsubscribe()
    daemon = await daemon.restart()
    assert.deepEqual(await daemon.client.shares({}), [], 'nor after a restart')
  })

  await t.test('Ctrl-C on `peershare share` cancels the job', async () => {
    const r = await runCli(['share', huge, '--profile', daemon.profileDir, '--json'], {
      timeoutMs: 60_000,
      interruptWhen: out => out.split('\n').some(l => l.includes('"bytesDone"') && !l.includes('"bytesDone":0'))
    })
    const lines = r.stdout.trim().split('\n').map(l => JSON.parse(l) as ShareJobView)
    assert.equal(r.code, 130, r.stderr)
    assert.equal(lines[0].state, 'hashing')
    assert.equal(lines.at(-1)?.state, 'cancelled', r.stdout.slice(-500))
    assert.match(r.stderr, /nothing of it was kept/)
    assert.deepEqual(await daemon.client.shares({}), [])
  })

  await t.test('`peershare jobs` lists a job and `jobs cancel ID` cancels it', async () => {
    const running = await daemon.client.share({ path: huge })
    const listed = await runCli(['jobs', '--profile', daemon.profileDir, '--json'])
    assert.equal(listed.code, 0, listed.stderr)
    assert.ok((JSON.parse(listed.stdout) as ShareJobView[]).some(j => j.id === running.id && j.state === 'hashing'))
    const r = await runCli(['jobs', 'cancel', running.id, '--profile', daemon.profileDir])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /Cancelled sharing .*disk\.img; nothing of it was kept/)
    assert.equal((await daemon.client.shareJobs({})).find(j => j.id === running.id)?.state, 'cancelled')
    assert.deepEqual(await daemon.client.shares({}), [])
  })

  await t.test('re-sharing a changed folder hashes only the changed files', async () => {
    const folder = join(data, 'photos')
    await mkdir(folder)
    for (const name of ['a.jpg', 'b.jpg', 'c.jpg']) await writeFile(join(folder, name), `${name} `.repeat(50_000))
    const first = await shareAndWait(daemon.client, folder)
    await writeFile(join(folder, 'b.jpg'), 'changed '.repeat(50_000))
    let last: ShareJobView | undefined
    const second = await shareAndWait(daemon.client, folder, { onProgress: j => { last = j } })
    assert.notEqual(second.root, first.root)
    assert.equal(last?.filesDone, 3)
    assert.equal(last?.filesReused, 2, 'a.jpg and c.jpg were not hashed again')
  })
}))
