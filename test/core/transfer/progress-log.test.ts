/**
 * A download's progress survives a crash: what the store says is verified is
 * re-checked against the data on disk before it is trusted, and only what
 * fails the check is fetched again.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'
import { Store } from '../../../electron/core/library/store.js'
import { storeKeys, storePrefixes } from '../../../electron/core/library/store-keys.js'
import { PARTIAL_DIR_NAME } from '../../../electron/core/transfer/partial-files.js'
import { ProgressLog } from '../../../electron/core/transfer/progress-log.js'
import { Transfer, type TransferRecord } from '../../../electron/core/transfer/transfer.js'
import { assertSameBytes, memoryShare, range, swarmPerTest, viewWhen } from './support/memory-swarm.js'

/** Knows, at every moment, how many chunks the store holds as verified. */
class WatchedStore extends Store {
  stored = new Map<string, number>()
  override async putBytes (key: string, value: Uint8Array): Promise<void> {
    await super.putBytes(key, value)
    this.stored.set(key, countBits(value))
  }
}

describe('progress log', () => {
  let store!: WatchedStore
  const swarmOf = swarmPerTest(init => (store = new WatchedStore(init)))

  it('after a crash, re-checks the chunks the store claims and fetches again only those whose data is wrong', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(12)
    const peer = await swarm.addPeer(share)
    peer.hold(...range(6, 12))
    const first = swarm.transfer(share, [peer])
    first.start()
    await viewWhen(first, 'six chunks verified', v => v.chunksDone === 6)
    await first.halt()

    // What a power cut can leave: the store says chunks 0-5 are verified, but the data of 2 and 4 never reached the disk.
    const stored = await ProgressLog.stored(swarm.store, share.root)
    assert.ok(stored != null, 'progress is in the store')
    const file = path.join(swarm.outDir, PARTIAL_DIR_NAME, share.root, share.manifest.name)
    const fh = await fs.open(file, 'r+')
    const { chunkSize } = share.manifest
    for (const i of [2, 4]) await fh.write(new Uint8Array(chunkSize), 0, chunkSize, i * chunkSize)
    await fh.close()

    // The engine restarts: the transfer comes back from its record.
    const [record] = await swarm.store.listJson<TransferRecord>(storePrefixes.transfer)
    assert.equal(record.state, 'downloading', 'halting keeps the persisted state')
    const second = swarm.track(new Transfer(swarm.components(), { root: record.root, outDir: record.outDir, linkPeers: record.linkPeers }, record))
    await second.load()
    assert.equal(second.view().chunksDone, 6, 'before the re-check, the store\'s word')
    peer.reads.length = 0
    peer.release()
    second.start()
    const done = await viewWhen(second, 'done', v => v.state === 'done')
    await assertSameBytes(done, share)
    assert.equal(done.chunksResumed, 4, 'the four chunks that passed the check were kept')
    assert.equal(done.chunksFetched, 8)
    assert.deepEqual([...new Set(peer.reads)].sort((a, b) => a - b), [2, 4, 6, 7, 8, 9, 10, 11], 'no chunk that passed the check was fetched again')
    assert.equal(await ProgressLog.stored(swarm.store, share.root), undefined, 'a finished download leaves no progress behind')
  })

  it('never counts a chunk as verified before its bit is in the store', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(24)
    const peer = await swarm.addPeer(share)
    const components = swarm.components()
    const lags: string[] = []
    let checks = 0
    components.onChange = t => {
      const v = t.view()
      if (v.state !== 'downloading') return
      checks++
      const stored = store.stored.get(storeKeys.bits(share.root)) ?? 0
      if (v.chunksDone > stored) lags.push(`the view said ${v.chunksDone} chunks while the store held ${stored}`)
    }
    const t = swarm.transfer(share, [peer], components)
    t.start()
    await viewWhen(t, 'done', v => v.state === 'done')
    assert.ok(checks >= 24, 'every chunk was checked')
    assert.deepEqual(lags, [])
  })
})

function countBits (bytes: Uint8Array): number {
  let n = 0
  for (const b of bytes) for (let x = b; x !== 0; x &= x - 1) n++
  return n
}
