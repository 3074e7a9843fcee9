/**
 * Two seeders of the same bytes, one of which serves corrupted chunks. The
 * downloader must still end with the right bytes, ban the corrupting peer,
 * and not blame the honest one.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import {
  MiB, cleanupAll, copyFileTo, randomFile, sha256File, startSwarm, summarize, tempDir, uniqueNetwork,
  waitForAnnounced, waitForRoutingTables, waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('a peer serving corrupted chunks is banned and the file is still correct', { timeout: 90_000 }, withLogsOnFailure(async () => {
  const network = uniqueNetwork()
  const nodes = await startSwarm(3, {
    network,
    node: i => [
      // The honest seeder is upload-limited so the corrupting one is sure to be asked for chunks.
      { name: 'good-seeder', uploadLimit: 8 * MiB },
      { name: 'bad-seeder', env: { PEERSHARE_TEST_MISBEHAVE: 'corrupt' } },
      { name: 'downloader' }
    ][i]
  })
  const [good, bad, downloader] = nodes
  await waitForRoutingTables(nodes, 1)

  const original = await randomFile(await tempDir('original'), 16 * MiB, 'payload.bin')
  // Public: two private shares of the same bytes would each have a secret of their own, and one link would open only one.
  const goodShare = await shareAndWait(good.client, await copyFileTo(original.path, await tempDir('good-files'), 'payload.bin'), { public: true })
  const badShare = await shareAndWait(bad.client, await copyFileTo(original.path, await tempDir('bad-files'), 'payload.bin'), { public: true })
  assert.equal(goodShare.root, badShare.root, 'both seeders share the same root')
  await waitForAnnounced(good, goodShare.root)
  await waitForAnnounced(bad, badShare.root)

  // The link points at the corrupting seeder; the honest one is found through the DHT.
  const out = await tempDir('out')
  const started = await downloader.client.download({ link: badShare.link, outDir: out })
  const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 60_000 })
  const summary = JSON.stringify(summarize(done))

  assert.ok(done.path != null)
  assert.equal(await sha256File(done.path), original.sha256, 'the downloaded bytes match the original')
  assert.ok(done.bannedPeers.includes(bad.peerId), `the corrupting peer is banned: ${summary}`)
  assert.ok(!done.bannedPeers.includes(good.peerId), `the honest peer is not banned: ${summary}`)
  assert.ok(done.badChunks > 0, `bad chunks were counted: ${summary}`)
  const badView = done.peers.find(p => p.peerId === bad.peerId)
  if (badView != null) {
    // A banned peer may be dropped from the list; if it is still listed, it must show why.
    assert.ok(badView.badChunks > 0 && badView.banned, `the bad peer's entry shows bad chunks and the ban: ${summary}`)
  }
  const goodView = done.peers.find(p => p.peerId === good.peerId)
  assert.ok(goodView != null && goodView.chunksReceived > 0 && goodView.badChunks === 0 && !goodView.banned,
    `the honest peer sent good chunks only: ${summary}`)
}))
