/**
 * Two seeders of one share: an honest one, and a hostile one that answers
 * every chunk request with a valid frame header and then one byte every two
 * seconds, so its stream never looks stalled. The download must judge the
 * hostile seeder by the chunks it delivers, give what was asked of it to
 * the honest seeder, and finish byte for byte.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { formatLink } from '../../shared/link.js'
import {
  MiB, cleanupAll, dialAddr, dripFeedingSeeder, randomFile, sha256File, startDaemon, summarize, targetOf, tempDir,
  uniqueNetwork, waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('a seeder that drip-feeds its chunks does not stall a download that has an honest seeder', { timeout: 150_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const seeder = await startDaemon({ name: 'honest-seeder', network })
  const original = await randomFile(await tempDir('data'), 12 * MiB, 'payload.bin')
  const share = await shareAndWait(seeder.client, original.path, { public: true })
  const drip = await dripFeedingSeeder(targetOf(dialAddr(seeder)), share.root, { dripMs: 2_000 })

  const downloader = await startDaemon({ name: 'downloader', network })
  // The drip-feeder comes first in the link, so it is asked for chunks from the start.
  const link = formatLink({ root: share.root, name: 'payload.bin', size: original.size, peers: [drip.addr, dialAddr(seeder)] })
  const started = await downloader.client.download({ link, outDir: await tempDir('out') })
  // It used to stay at two thirds for minutes; judged by what it delivers, it is passed over within seconds.
  const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 90_000 })
  t.diagnostic(JSON.stringify(summarize(done)))
  assert.equal(await sha256File(done.path!), original.sha256)
  const dripView = done.peers.find(p => p.peerId === drip.node.peerId.toString())
  assert.equal(dripView?.chunksReceived ?? 0, 0, 'the drip-feeder delivered no chunk')
}))
