/**
 * Five nodes on a private DHT. One shares a multi-MiB file; another, which
 * knows only the bootstrap node and is given only the bare root CID, finds
 * the sharer through the DHT and downloads the file byte for byte. The share
 * is public: a private one opens only with its link (24-private-shares).
 */
import assert from 'node:assert/strict'
import { basename, resolve } from 'node:path'
import { after, test } from 'node:test'
import {
  MiB, cleanupAll, randomFile, sha256File, startDaemon, startSwarm, dialAddr, summarize, tempDir, uniqueNetwork,
  waitFor, waitForAnnounced, waitForRoutingTables, waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('a bare root CID is found through the DHT and downloaded intact', { timeout: 90_000 }, withLogsOnFailure(async () => {
  const network = uniqueNetwork()
  // Nodes 0-3 first; the downloader joins last, bootstrapped to node 0 only.
  const swarm = await startSwarm(4, { network })
  await waitForRoutingTables(swarm, 1)
  const sharer = swarm[2]

  const data = await tempDir('data')
  const file = await randomFile(data, 24 * MiB)
  const share = await shareAndWait(sharer.client, file.path, { public: true })
  assert.equal(share.chunkCount, 24, 'a 24 MiB file is 24 chunks of 1 MiB')
  await waitForAnnounced(sharer, share.root)

  const downloader = await startDaemon({ name: 'downloader', network, bootstrap: [dialAddr(swarm[0])] })
  await waitFor(async () => (await downloader.client.peers({})).some(p => p.peerId === swarm[0].peerId), {
    what: 'the downloader to connect to its bootstrap node', timeoutMs: 20_000
  })
  const before = await downloader.client.peers({})
  assert.ok(!before.some(p => p.peerId === sharer.peerId),
    `the downloader must not know the sharer before the download (peers: ${before.map(p => p.peerId).join(', ')})`)

  const out = await tempDir('out')
  const started = await downloader.client.download({ link: share.root, outDir: out })
  assert.equal(started.root, share.root)

  const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 60_000 })
  assert.ok(done.path != null, `a finished transfer has a path: ${JSON.stringify(summarize(done))}`)
  assert.ok(resolve(done.path).startsWith(resolve(out)), `the file lands in the out dir (${done.path} vs ${out})`)
  assert.equal(basename(done.path), basename(file.path), 'the file keeps its name')
  assert.equal(await sha256File(done.path), file.sha256, 'the downloaded bytes match the original')
  assert.equal(done.chunksDone, done.chunkCount)
  const fromSharer = done.peers.find(p => p.peerId === sharer.peerId)
  assert.ok(fromSharer != null && fromSharer.chunksReceived > 0, `chunks came from the sharer: ${JSON.stringify(done.peers)}`)
  assert.equal(fromSharer.foundVia, 'dht', 'the sharer was found through the DHT')
}))
