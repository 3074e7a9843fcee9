/**
 * A 64 GiB (sparse) file shares like a small one, and a peer fetches its
 * first and last chunks verified: the manifest's root and listing, then the
 * two pieces of chunk hashes those chunks need (and no other), then the two
 * chunks, each checked against the hash its piece names. The peer is the
 * engine's own protocol client on a bare libp2p node in the test process.
 */
import assert from 'node:assert/strict'
import { truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { multiaddr } from '@multiformats/multiaddr'
import { CID } from 'multiformats/cid'
import { peerIdFromString } from '@libp2p/peer-id'
import { ChunkHashes } from '../../electron/core/content/chunk-hashes.js'
import { ChunkSession, fetchBlock, fetchManifest } from '../../electron/core/protocol/client.js'
import { shareAndWait } from '../../shared/index.js'
import { cleanupAll, createRawNode, dialAddr, startDaemon, tempDir, uniqueNetwork, withLogsOnFailure } from '../support/index.js'

after(cleanupAll)

const GiB = 2 ** 30

test('a 64 GiB file shares, and its first and last chunks download verified', { timeout: 900_000 }, withLogsOnFailure(async (t) => {
  const sharer = await startDaemon({ name: 'sharer', network: uniqueNetwork() })
  const dir = await tempDir('huge')
  const path = join(dir, 'disk.img')
  await writeFile(path, '')
  await truncate(path, 64 * GiB)

  let started = Date.now()
  // Public: this raw node asks without a private link's proof.
  const share = await shareAndWait(sharer.client, path, { intervalMs: 500, public: true })
  t.diagnostic(`shared 64 GiB in ${Date.now() - started} ms`)
  assert.equal(share.size, 64 * GiB)
  assert.equal(share.chunkCount, 64 * 1024)

  const node = await createRawNode()
  await node.dial(multiaddr(dialAddr(sharer)), { signal: AbortSignal.timeout(10_000) })
  const peer = peerIdFromString(sharer.peerId)
  const root = CID.parse(share.root)
  started = Date.now()
  const { manifest } = await fetchManifest(node, peer, root, { signal: AbortSignal.timeout(30_000) })
  assert.equal(manifest.chunkCount, 64 * 1024)
  const pieces: string[] = []
  const hashes = new ChunkHashes(manifest, {
    get: async digest => {
      pieces.push(Buffer.from(digest).toString('hex'))
      return { bytes: await fetchBlock(node, peer, root, digest, { signal: AbortSignal.timeout(30_000) }), from: sharer.peerId }
    }
  })
  const session = new ChunkSession(node, peer, root, { maxInFlight: 2 })
  try {
    for (const index of [0, manifest.chunkCount - 1]) {
      const data = await session.request(index, { signal: AbortSignal.timeout(30_000) })
      assert.equal(data.byteLength, 1024 * 1024)
      assert.ok(await hashes.matches(index, data), `chunk ${index} matches its hash`)
      assert.ok(data.subarray().every(b => b === 0), `chunk ${index} holds the file's bytes (zeros)`)
    }
  } finally {
    await session.close()
  }
  t.diagnostic(`first and last chunks fetched and verified in ${Date.now() - started} ms`)
  // The file is all zeros, so its eight pieces are alike: the first one fetched serves both chunks.
  assert.ok(pieces.length >= 1 && pieces.length <= 2, `only the pieces those chunks need were fetched (${pieces.length} of eight)`)
}))
