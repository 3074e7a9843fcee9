/**
 * Twelve hostile peers each open eight chunk streams, ask for 64 chunks on
 * each and never read an answer. The node must spend only a bounded amount
 * of memory on them (read ahead only as far as a peer reads, a budget per
 * peer and in all), keep serving an honest downloader meanwhile, and give
 * everything back when they leave: afterwards another honest download runs
 * as if nothing had happened.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import type { Libp2p } from '@libp2p/interface'
import {
  MiB, cleanupAll, createRawNode, dialAddr, randomFile, rssOf, sampleRss, sha256File, startDaemon, targetOf, tempDir,
  uniqueNetwork, unreadChunkStreams, waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

const PEERS = 12
const STREAMS = 8
/** 96 such streams grew a node by about 470 MiB before (5 MiB each); the budget holds 64 MiB in all. */
const RSS_GROWTH_BOUND = 200 * MiB

test('chunk streams that are never read pin a bounded amount of memory, and honest peers are served', { timeout: 180_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const seeder = await startDaemon({ name: 'seeder', network })
  const original = await randomFile(await tempDir('data'), 16 * MiB, 'big.bin')
  const share = await shareAndWait(seeder.client, original.path, { public: true })
  const target = targetOf(dialAddr(seeder))
  const downloader = await startDaemon({ name: 'downloader', network, bootstrap: [dialAddr(seeder)] })

  const before = (await rssOf(seeder.proc.pid)) ?? 0
  const peak = sampleRss(seeder.proc.pid)
  const hostile: Libp2p[] = []
  // One after another: a node takes only a few new connections a second from one address.
  for (let i = 0; i < PEERS; i++) {
    const node = await createRawNode()
    hostile.push(node)
    await unreadChunkStreams(node, target, share.root, 16, { streams: STREAMS, requests: 64 })
    await new Promise(resolve => setTimeout(resolve, 250))
  }
  // Give the node time to read ahead as far as it is going to.
  await new Promise(resolve => setTimeout(resolve, 5_000))

  await t.test('an honest download completes while they hold their streams', async () => {
    const started = await downloader.client.download({ link: share.link, outDir: await tempDir('out-during') })
    const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 90_000 })
    assert.equal(await sha256File(done.path!), original.sha256)
  })

  const top = await peak.stop()
  t.diagnostic(`seeder RSS ${(before / MiB).toFixed(0)} MiB → peak ${(top / MiB).toFixed(0)} MiB with ${PEERS * STREAMS} unread streams`)
  assert.ok(top - before < RSS_GROWTH_BOUND, `the seeder grew by ${((top - before) / MiB).toFixed(0)} MiB`)

  await t.test('after they leave, another honest download runs', async () => {
    await Promise.all(hostile.map(async n => { await n.stop() }))
    const again = await startDaemon({ name: 'downloader-2', network, bootstrap: [dialAddr(seeder)] })
    const started = await again.client.download({ link: share.link, outDir: await tempDir('out-after') })
    const done = await waitForTransfer(again, started.id, { until: 'done', timeoutMs: 60_000 })
    assert.equal(await sha256File(done.path!), original.sha256)
  })
}))
