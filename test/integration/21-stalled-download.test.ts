/**
 * A download whose only sharer goes away, as a person watching the UI sees
 * it (through the event stream the UI reads): its speed falls to zero and
 * its time left is no longer claimed, and it says it is waiting for a
 * source: which chunks are missing, that no connected peer has them, and
 * when a peer last sent one. When the sharer is back, it goes on by itself.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import type { TransferView } from '../../shared/index.js'
import {
  MiB, StopWaiting, cleanupAll, getTransfer, randomFile, sha256File, startSwarm, tempDir, uniqueNetwork, waitFor,
  waitForAnnounced, waitForRoutingTables, waitForTransfer, withLogsOnFailure
} from '../support/index.js'

after(cleanupAll)

test('a stalled download falls to zero speed, says what it waits for, and resumes by itself', { timeout: 150_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  // Node 0 only bootstraps, so the seeder can come back and be found again through the DHT.
  const nodes = await startSwarm(3, { network, node: i => [{ name: 'bootstrap' }, { name: 'seeder', uploadLimit: MiB }, { name: 'downloader' }][i] })
  let seeder = nodes[1]
  const downloader = nodes[2]
  await waitForRoutingTables(nodes, 1)
  const original = await randomFile(await tempDir('stall-src'), 12 * MiB, 'stall.bin')
  const share = await seeder.client.share({ path: original.path })
  await waitForAnnounced(seeder, share.root)

  // What the UI would be told, event by event.
  const heard: TransferView[] = []
  const unsubscribe = await downloader.client.subscribe(event => { if (event.kind === 'transfer') heard.push(event.transfer) })
  t.after(() => { unsubscribe() })

  const started = await downloader.client.download({ link: share.link, outDir: await tempDir('stall-out') })
  await waitFor(async () => {
    const v = await getTransfer(downloader, started.id)
    if (v?.state === 'done') throw new StopWaiting('the download finished before the seeder could be stopped (upload limit too loose?)')
    return v != null && v.chunkCount > 0 && v.chunksDone >= 3 && v.rate > 0
  }, { what: 'the download to be under way', timeoutMs: 30_000, intervalMs: 100 })
  await seeder.kill()
  const stoppedAt = Date.now()

  const told = await waitFor(() => heard.find(v => v.state === 'downloading' && v.waiting != null && v.rate === 0), {
    what: 'an event saying the download waits for a source, at zero speed',
    timeoutMs: 20_000,
    diagnose: () => heard.slice(-3).map(v => ({ state: v.state, rate: v.rate, eta: v.etaSeconds, waiting: v.waiting, peers: v.peers.length }))
  })
  t.diagnostic(`told ${Date.now() - stoppedAt} ms after the stop: ${JSON.stringify(told.waiting)}`)
  const w = told.waiting!
  assert.equal(told.etaSeconds, null, 'no time left is claimed')
  assert.equal(w.missingChunks, told.chunkCount - told.chunksDone, 'the missing chunks are counted')
  assert.ok(w.missingRanges.length > 0 && w.missingRanges[0][0] >= 0 && w.missingRanges[0][1] < told.chunkCount, `and listed: ${JSON.stringify(w.missingRanges)}`)
  assert.equal(w.connectedSources, 0, 'no connected peer has them')
  assert.ok(w.lastChunkAt != null && w.lastChunkAt <= stoppedAt + 1000 && stoppedAt - w.lastChunkAt < 15_000, 'it says when a peer last sent a chunk')

  // The sharer comes back: the download goes on by itself and completes.
  seeder = await seeder.restart()
  const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 90_000 })
  assert.equal(done.waiting, undefined)
  assert.equal(await sha256File(done.path!), original.sha256)
}))
