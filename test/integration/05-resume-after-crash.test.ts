/**
 * The downloader is killed (SIGKILL) halfway and restarted from the same
 * profile. It must resume: keep every chunk it had verified, fetch only the
 * rest, and end with the right bytes. The seeder's counters prove no
 * verified chunk was fetched twice.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  MiB, StopWaiting, cleanupAll, getShare, getTransfer, randomFile, sha256File, startSwarm, summarize, tempDir, uniqueNetwork,
  waitFor, waitForTransfer, withLogsOnFailure, type Daemon
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

/** The share's chunksServed once it has stopped moving (in-flight sends settle after the kill). */
async function settledChunksServed (seeder: Daemon, root: string): Promise<number> {
  let last = -1
  return await waitFor(async () => {
    const served = (await getShare(seeder, root))?.chunksServed ?? -1
    const stable = served === last
    last = served
    return stable ? { served } : undefined
  }, { what: 'the seeder\'s chunksServed to settle', timeoutMs: 15_000, intervalMs: 1000 }).then(r => r.served)
}

test('a killed downloader resumes from its profile without refetching verified chunks', { timeout: 120_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const [seeder, first] = await startSwarm(2, {
    network,
    node: i => [{ name: 'seeder', uploadLimit: 2 * MiB }, { name: 'downloader' }][i]
  })

  const original = await randomFile(await tempDir('original'), 24 * MiB, 'archive.bin')
  const share = await shareAndWait(seeder.client, original.path)
  const out = await tempDir('out')
  const started = await first.client.download({ link: share.link, outDir: out })

  const atKill = await waitFor(async () => {
    const view = await getTransfer(first, started.id)
    if (view == null || view.chunkCount === 0) return undefined
    const fraction = view.chunksDone / view.chunkCount
    if (view.state === 'done' || fraction > 0.6) throw new StopWaiting(`the download went past 60% before it could be killed: ${JSON.stringify(summarize(view))}`)
    if (view.state === 'failed') throw new StopWaiting(`the download failed before the kill: ${JSON.stringify(summarize(view))}`)
    return fraction >= 0.25 ? view : undefined
  }, { what: 'the download to reach 25%', timeoutMs: 40_000, intervalMs: 100 })
  // A chunk counts as done only once it is recorded in the store, so everything the view
  // reports right before the kill must survive it.
  const lastBeforeKill = await getTransfer(first, started.id)
  await first.kill()
  assert.ok(lastBeforeKill != null && lastBeforeKill.chunksDone <= lastBeforeKill.chunkCount * 0.6,
    `the kill happened mid-transfer: ${JSON.stringify(summarize(lastBeforeKill))}`)

  const servedAtRestart = await settledChunksServed(seeder, share.root)
  assert.ok(servedAtRestart >= atKill.chunksDone, `the seeder served at least what was verified (${servedAtRestart} >= ${atKill.chunksDone})`)

  const downloader = await first.restart()
  assert.equal(downloader.peerId, first.peerId, 'the restarted daemon keeps its PeerId')

  // The transfer may come back by itself; if not, ask for it again.
  let view = await getTransfer(downloader, started.id)
  if (view == null) {
    view = await downloader.client.download({ link: share.link, outDir: out })
  } else if (view.state === 'paused' || view.state === 'failed') {
    view = await downloader.client.resume({ id: started.id })
  }
  assert.equal(view.id, started.id, 'the same root gives the same transfer')

  const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 60_000 })
  const summary = JSON.stringify(summarize(done))
  t.diagnostic(`killed at ${lastBeforeKill.chunksDone}/${done.chunkCount}; resumed ${done.chunksResumed}, fetched ${done.chunksFetched}; seeder served ${servedAtRestart} before the restart`)
  assert.ok(done.path != null)
  assert.equal(await sha256File(done.path), original.sha256, 'the resumed download has the original bytes')
  assert.ok(done.chunksResumed > 0, `chunks verified before the crash were kept: ${summary}`)
  assert.ok(done.chunksResumed >= lastBeforeKill.chunksDone,
    `every chunk reported done just before the kill was kept (${lastBeforeKill.chunksDone} then): ${summary}`)
  assert.equal(done.chunksResumed + done.chunksFetched, done.chunkCount, `resumed + fetched = all chunks: ${summary}`)

  // Seen from the seeder: after the restart exactly the missing chunks were served.
  await sleep(500)
  const servedAfter = (await getShare(seeder, share.root))?.chunksServed ?? -1
  assert.equal(servedAfter - servedAtRestart, done.chunkCount - done.chunksResumed,
    `the seeder served exactly the missing chunks after the restart (served ${servedAtRestart} → ${servedAfter}): ${summary}`)
}))
