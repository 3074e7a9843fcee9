/**
 * Downloading a share with a version-2 manifest, in-process: the listing's
 * pages come with the manifest, and each file's piece of chunk hashes only
 * when one of its chunks is fetched, so picking files of a large folder
 * fetches only their pieces; a restart finds the pieces in the store.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'
import { Transfer } from '../../../electron/core/transfer/transfer.js'
import { pagedMemoryShare, swarmPerTest, viewWhen } from './support/memory-swarm.js'

describe('paged download', () => {
  const swarmOf = swarmPerTest()

  it('fetches the pieces of the picked files only, and the bytes are right', async () => {
    const swarm = swarmOf()
    // Three files of eight chunks: each has one piece of hashes.
    const share = await pagedMemoryShare([8, 8, 8])
    const peer = await swarm.addPeer(share)
    const picked = share.manifest.files[1]
    const t = swarm.transfer(share, [peer], swarm.components(), { files: [picked.path] })
    t.start()
    const done = await viewWhen(t, 'done', v => v.state === 'done')
    const pieceOf = (i: number): string => Buffer.from(share.manifest.files[i].pieces!.subarray(0, 32)).toString('hex')
    const pages = new Set(Array.from({ length: share.manifest.pages!.byteLength / 32 }, (_, i) => Buffer.from(share.manifest.pages!.subarray(i * 32, i * 32 + 32)).toString('hex')))
    const pieces = peer.blockReads.filter(d => !pages.has(d))
    assert.deepEqual(pieces, [pieceOf(1)], 'only the picked file\'s piece was fetched, once')
    assert.equal(done.chunksFetched, 8)
    const bytes = await fs.readFile(path.join(swarm.outDir, ...picked.path.split('/')))
    assert.ok(bytes.equals(share.data.subarray(8 * share.manifest.chunkSize, 16 * share.manifest.chunkSize)), 'the picked file holds exactly its bytes')
  })

  it('resumes after a restart with the listing and pieces from the store, fetching neither again', async () => {
    const swarm = swarmOf()
    const share = await pagedMemoryShare([6, 6])
    const peer = await swarm.addPeer(share)
    peer.hold(...Array.from({ length: 12 }, (_, i) => i).filter(i => i !== 0))
    const components = swarm.components()
    const first = swarm.transfer(share, [peer], components)
    first.start()
    await viewWhen(first, 'one chunk in', v => v.chunksDone >= 1)
    await first.pause()
    const asked = peer.blockReads.length
    // A new transfer object over the same store, as after a restart.
    const again = swarm.track(new Transfer(components, { root: share.root, outDir: swarm.outDir, linkPeers: [peer.link] }))
    await again.load()
    assert.equal(again.knownManifest()?.files.length, 2, 'the listing is read back from the store')
    peer.release()
    again.start()
    await viewWhen(again, 'done', v => v.state === 'done')
    const fetchedAgain = peer.blockReads.slice(asked)
    assert.ok(!fetchedAgain.includes(Buffer.from(share.manifest.files[0].pieces!.subarray(0, 32)).toString('hex')), 'the piece fetched before the restart was not fetched again')
  })
})
