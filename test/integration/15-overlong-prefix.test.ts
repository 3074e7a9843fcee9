/**
 * A hostile peer sends a length prefix that never ends (0xff bytes) on each
 * of PeerShare's protocols, then floods the stream with more of them. The
 * node must reset each stream as soon as the prefix is longer than its
 * largest frame needs, keep its memory and its API as they were, and go on
 * serving honest peers.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import {
  CHUNK_PROTOCOL, MANIFEST_PROTOCOL, MiB, cleanupAll, createRawNode, dialAddr, overlongPrefix, randomFile, rssOf,
  sampleRss, sha256File, startDaemon, targetOf, tempDir, uniqueNetwork, waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

const HAVE_PROTOCOL = '/peershare/have/1.0.0'
const BLOCK_PROTOCOL = '/peershare/block/1.0.0'
/** Far below the 15 s / 60 s deadlines that ended such streams before. */
const RESET_WITHIN_MS = 5_000
/** The flood grew a node by 100–280 MiB before; bounded reading holds none of it. */
const RSS_GROWTH_BOUND = 64 * MiB
/** The API took 6–10 s to answer during a flood before. */
const API_ANSWER_BOUND_MS = 3_000

test('over-long length prefixes are refused at once on every protocol, and cost the node nothing', { timeout: 120_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const seeder = await startDaemon({ name: 'seeder', network })
  const original = await randomFile(await tempDir('data'), 4 * MiB, 'target.bin')
  const share = await shareAndWait(seeder.client, original.path, { public: true })
  const raw = await createRawNode()
  const target = targetOf(dialAddr(seeder))

  for (const protocol of [MANIFEST_PROTOCOL, HAVE_PROTOCOL, CHUNK_PROTOCOL, BLOCK_PROTOCOL]) {
    await t.test(`nine 0xff bytes on ${protocol}`, async () => {
      const outcome = await overlongPrefix(raw, target, protocol, { prefixBytes: 9, waitMs: RESET_WITHIN_MS })
      t.diagnostic(`${protocol}: ${JSON.stringify(outcome)}`)
      assert.notEqual(outcome.how, 'open', `the node kept the stream open for ${RESET_WITHIN_MS} ms: ${JSON.stringify(outcome)}`)
      assert.equal(outcome.bytesReceived, 0)
    })
  }

  await t.test('a 2 MiB flood of 0xff on several streams at once', async () => {
    const before = (await rssOf(seeder.proc.pid)) ?? 0
    const peak = sampleRss(seeder.proc.pid)
    const apiTimes: number[] = []
    const floods = Promise.all([MANIFEST_PROTOCOL, HAVE_PROTOCOL, CHUNK_PROTOCOL, CHUNK_PROTOCOL].map(async p =>
      await overlongPrefix(raw, target, p, { prefixBytes: 9, floodBytes: 2 * MiB, waitMs: RESET_WITHIN_MS })))
    const probe = (async () => {
      for (let i = 0; i < 5; i++) {
        const started = Date.now()
        await seeder.client.status({})
        apiTimes.push(Date.now() - started)
        await new Promise(resolve => setTimeout(resolve, 200))
      }
    })()
    const outcomes = await floods
    await probe
    const top = await peak.stop()
    t.diagnostic(`outcomes ${JSON.stringify(outcomes.map(o => o.how))}; RSS ${(before / MiB).toFixed(0)} → peak ${(top / MiB).toFixed(0)} MiB; API ${apiTimes.join(', ')} ms`)
    for (const o of outcomes) assert.notEqual(o.how, 'open', `a flooded stream stayed open: ${JSON.stringify(o)}`)
    assert.ok(top - before < RSS_GROWTH_BOUND, `the node grew by ${((top - before) / MiB).toFixed(0)} MiB during the flood`)
    assert.ok(Math.max(...apiTimes) < API_ANSWER_BOUND_MS, `the API answered within ${API_ANSWER_BOUND_MS} ms: ${apiTimes.join(', ')}`)
  })

  await t.test('an honest download from the same node still works', async () => {
    assert.equal(seeder.exited, false, 'the seeder is still running')
    const downloader = await startDaemon({ name: 'downloader', network, bootstrap: [dialAddr(seeder)] })
    const started = await downloader.client.download({ link: share.link, outDir: await tempDir('out') })
    const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 40_000 })
    assert.equal(await sha256File(done.path!), original.sha256)
  })
}))
