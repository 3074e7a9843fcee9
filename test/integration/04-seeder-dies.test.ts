/**
 * Two upload-limited seeders; one is killed (SIGKILL, no goodbye) while the
 * download is in progress. The download must finish from the other seeder.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import {
  MiB, StopWaiting, cleanupAll, copyFileTo, getTransfer, randomFile, sha256File, startSwarm, summarize, tempDir, uniqueNetwork,
  waitFor, waitForAnnounced, waitForRoutingTables, waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('a download survives a seeder dying mid-transfer', { timeout: 90_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  // Node 0 only bootstraps, so killing a seeder never takes the DHT's entry point with it.
  const nodes = await startSwarm(4, {
    network,
    node: i => [
      { name: 'bootstrap' },
      { name: 'seeder-a', uploadLimit: 2 * MiB },
      { name: 'seeder-b', uploadLimit: 2 * MiB },
      { name: 'downloader' }
    ][i]
  })
  const [, seederA, seederB, downloader] = nodes
  await waitForRoutingTables(nodes, 1)

  const original = await randomFile(await tempDir('original'), 24 * MiB, 'movie.bin')
  // Public: two private shares of the same bytes would each have a secret of their own, and one link would open only one.
  const shareA = await shareAndWait(seederA.client, await copyFileTo(original.path, await tempDir('a-files'), 'movie.bin'), { public: true })
  const shareB = await shareAndWait(seederB.client, await copyFileTo(original.path, await tempDir('b-files'), 'movie.bin'), { public: true })
  assert.equal(shareA.root, shareB.root)
  await waitForAnnounced(seederA, shareA.root)
  await waitForAnnounced(seederB, shareB.root)

  const out = await tempDir('out')
  const started = await downloader.client.download({ link: shareA.link, outDir: out })

  // Kill the link's seeder once 10% of the chunks are in, and before 60%.
  const atKill = await waitFor(async () => {
    const view = await getTransfer(downloader, started.id)
    if (view == null || view.chunkCount === 0) return undefined
    const fraction = view.chunksDone / view.chunkCount
    if (view.state === 'done' || fraction > 0.6) throw new StopWaiting(`the download went past 60% before it could be interrupted (upload limit too loose?): ${JSON.stringify(summarize(view))}`)
    if (view.state === 'failed') throw new StopWaiting(`the download failed before the kill: ${JSON.stringify(summarize(view))}`)
    return fraction >= 0.1 ? view : undefined
  }, { what: 'the download to reach 10%', timeoutMs: 40_000, intervalMs: 100 })
  await seederA.kill()

  const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 60_000 })
  const summary = JSON.stringify(summarize(done))
  t.diagnostic(`killed seeder-a at ${atKill.chunksDone}/${atKill.chunkCount}; final: ${done.peers.map(p => `${p.peerId === seederA.peerId ? 'a' : 'b'}(${p.foundVia}):${p.chunksReceived}`).join(', ')}`)
  assert.ok(done.path != null)
  assert.equal(await sha256File(done.path), original.sha256, 'the downloaded bytes match the original')
  assert.equal(done.chunksDone, done.chunkCount)
  const fromB = done.peers.find(p => p.peerId === seederB.peerId)
  assert.ok(fromB != null && fromB.chunksReceived > 0, `the surviving seeder sent chunks: ${summary}`)
  assert.ok(atKill.chunksDone < done.chunkCount, 'the kill happened mid-transfer')
}))
