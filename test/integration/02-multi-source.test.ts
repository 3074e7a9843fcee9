/**
 * Three seeders share identical bytes (each its own copy), so they announce
 * the same root. Each is upload-limited so none could finish the download
 * alone quickly; the downloader draws from several of them at once.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import {
  MiB, cleanupAll, copyFileTo, randomFile, sha256File, startSwarm, summarize, tempDir, uniqueNetwork,
  waitForAnnounced, waitForRoutingTables, waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('a download draws chunks from several seeders of the same root', { timeout: 90_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const nodes = await startSwarm(4, {
    network,
    node: i => i < 3 ? { name: `seeder-${i}`, uploadLimit: 4 * MiB } : { name: 'downloader' }
  })
  const seeders = nodes.slice(0, 3)
  const downloader = nodes[3]
  await waitForRoutingTables(nodes, 1)

  const original = await randomFile(await tempDir('original'), 24 * MiB, 'same.bin')
  const shares = await Promise.all(seeders.map(async (s, i) => {
    const copy = await copyFileTo(original.path, await tempDir(`seeder-${i}-files`), 'same.bin')
    // Public: each seeder's private share would have a secret of its own, so one link would open only one of them.
    return await shareAndWait(s.client, copy, { public: true })
  }))
  assert.equal(new Set(shares.map(s => s.root)).size, 1, `identical names and bytes give one root: ${shares.map(s => s.root).join(', ')}`)
  const root = shares[0].root
  await Promise.all(seeders.map(async s => { await waitForAnnounced(s, root) }))

  const out = await tempDir('out')
  const started = await downloader.client.download({ link: shares[0].link, outDir: out })
  const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 60_000 })

  assert.ok(done.path != null)
  assert.equal(await sha256File(done.path), original.sha256, 'the downloaded bytes match the original')
  const contributors = done.peers.filter(p => p.chunksReceived > 0)
  t.diagnostic(`${done.chunkCount} chunks in ${(done.finishedAt ?? Date.now()) - done.startedAt} ms from ${done.peers.map(p => `${p.foundVia}:${p.chunksReceived}`).join(', ')}`)
  assert.ok(contributors.length >= 2,
    `at least two seeders sent chunks, got ${contributors.length}: ${JSON.stringify(summarize(done))}`)
  const seederIds = new Set(seeders.map(s => s.peerId))
  assert.ok(contributors.every(p => seederIds.has(p.peerId)), 'only seeders sent chunks')
  assert.equal(contributors.reduce((n, p) => n + p.chunksReceived, 0) >= done.chunkCount, true,
    'the chunks received add up to at least the whole file')
}))
