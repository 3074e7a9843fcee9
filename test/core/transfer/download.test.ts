/**
 * The download's scheduling, in-process: memory peers serve a share through
 * the real protocol server over in-memory streams, and what a person or a
 * peer would notice is checked: the bytes on disk, who was asked for which
 * chunk, and the transfer's view.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { BAN_THRESHOLD, INITIAL_WINDOW, MAX_WINDOW, WAITING_GRACE } from '../../../electron/core/defaults.js'
import { DiskFullError } from '../../../electron/core/errors.js'
import { PROTOCOL_HAVE } from '../../../electron/core/protocol/constants.js'
import { PartialFiles } from '../../../electron/core/transfer/partial-files.js'
import { assertSameBytes, memoryShare, range, swarmPerTest, viewWhen } from './support/memory-swarm.js'
import type { TransferView } from '../../../shared/index.js'

const peerOf = (v: TransferView, key: string): TransferView['peers'][number] | undefined => v.peers.find(p => p.peerId === key)

describe('download', () => {
  const swarmOf = swarmPerTest()

  it('keeps INITIAL_WINDOW requests out to a new peer, and widens the window to its measured rate', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(64)
    const peer = await swarm.addPeer(share)
    peer.hold(...range(0, 64))
    const components = swarm.components()
    const t = swarm.transfer(share, [peer], components)
    t.start()
    await viewWhen(t, 'the first requests', v => peerOf(v, peer.key)?.inFlight === INITIAL_WINDOW)
    await sleep(200)
    assert.equal(peerOf(t.view(), peer.key)?.inFlight, INITIAL_WINDOW, 'no rate yet: the initial window, no more')

    // Twenty chunks in well under a second is fast: the window covers a second of that rate, up to its bound.
    peer.release(...range(0, 20))
    const wide = await viewWhen(t, 'a wider window', v => peerOf(v, peer.key)?.chunksReceived === 20 && peerOf(v, peer.key)?.inFlight === MAX_WINDOW)
    assert.equal(wide.chunksDone, 20)
    assert.ok(components.views.every(v => (peerOf(v, peer.key)?.inFlight ?? 0) <= MAX_WINDOW), 'never more than MAX_WINDOW in flight')

    peer.release()
    await assertSameBytes(await viewWhen(t, 'done', v => v.state === 'done'), share)
  })

  it('asks a peer for the rarest chunk it holds first', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(10)
    const everything = await swarm.addPeer(share)
    const some = await swarm.addPeer(share, { has: range(0, 6) })
    // `some` joins first and keeps its four requests (chunks 0-3) waiting; then `everything` joins.
    everything.holdProtocol(PROTOCOL_HAVE)
    everything.hold(...range(0, 10))
    some.hold(...range(0, 6))
    const t = swarm.transfer(share, [everything, some])
    t.start()
    await viewWhen(t, 'the partial peer asked for four chunks', v => peerOf(v, some.key)?.inFlight === INITIAL_WINDOW)
    everything.releaseProtocol(PROTOCOL_HAVE)
    await viewWhen(t, 'the full peer asked for four chunks', v => peerOf(v, everything.key)?.inFlight === INITIAL_WINDOW)
    everything.release()
    some.release()
    await assertSameBytes(await viewWhen(t, 'done', v => v.state === 'done'), share)
    // Chunks 4 and 5 are held by both, 6-9 by `everything` alone: those go first, lowest index first. (The
    // server reads a stream's requests one at a time until the peer takes an answer, so they are read once released.)
    assert.deepEqual(everything.reads.slice(0, 4), [6, 7, 8, 9])
  })

  it('fetches a bad chunk again from another peer and bans the peer after its second bad chunk', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(16)
    const liar = await swarm.addPeer(share, { corrupt: () => true })
    const honest = await swarm.addPeer(share)
    honest.hold(...range(0, 16))
    const components = swarm.components()
    const t = swarm.transfer(share, [liar, honest], components)
    t.start()
    await viewWhen(t, 'the liar banned', v => v.bannedPeers.includes(liar.key))
    honest.release()
    const done = await viewWhen(t, 'done', v => v.state === 'done')
    await assertSameBytes(done, share)

    const banned = components.views.find(v => peerOf(v, liar.key)?.banned === true)
    assert.equal(peerOf(banned!, liar.key)?.badChunks, BAN_THRESHOLD, 'banned on its second bad chunk')
    assert.deepEqual(done.bannedPeers, [liar.key])
    assert.equal(peerOf(done, liar.key)?.chunksReceived, 0, 'nothing from the liar was kept')
    assert.equal(peerOf(done, honest.key)?.chunksReceived, 16, 'every chunk came from the honest peer')
    assert.ok(done.badChunks >= BAN_THRESHOLD)
    assert.equal(new Set(liar.reads).size, liar.reads.length, 'the liar was never asked again for a chunk it sent bad')
    for (const i of liar.reads) assert.ok(honest.reads.includes(i), `chunk ${i} was fetched again from the honest peer`)
  })

  it('gives the chunks of a peer that vanishes mid-chunk to another peer', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(16)
    const leaving = await swarm.addPeer(share)
    const staying = await swarm.addPeer(share)
    leaving.hold(...range(0, 16))
    staying.hold(...range(0, 16))
    const t = swarm.transfer(share, [leaving, staying])
    t.start()
    await viewWhen(t, 'both peers asked', v => peerOf(v, leaving.key)?.inFlight === INITIAL_WINDOW && peerOf(v, staying.key)?.inFlight === INITIAL_WINDOW)
    const stranded = [...leaving.reads]
    assert.ok(stranded.length > 0, 'the leaving peer was working on chunks')
    leaving.vanish()
    await viewWhen(t, 'the vanished peer dropped', v => peerOf(v, leaving.key) == null)
    staying.release()
    const done = await viewWhen(t, 'done', v => v.state === 'done')
    await assertSameBytes(done, share)
    assert.equal(done.chunksFetched, 16)
    for (const i of stranded) assert.ok(staying.reads.includes(i), `chunk ${i} went to the peer that stayed`)
  })

  it('pauses with the reason when the disk is full, keeps what it has, and finishes on resume', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(12)
    const peer = await swarm.addPeer(share)
    let full = false
    class FillingDisk extends PartialFiles {
      override async write (index: number, data: Parameters<PartialFiles['write']>[1]): Promise<void> {
        if (full) throw new DiskFullError(this.outDir)
        await super.write(index, data)
      }
    }
    peer.hold(...range(3, 12))
    const t = swarm.transfer(share, [peer], swarm.components({ openPartial: init => new FillingDisk(init) }))
    t.start()
    await viewWhen(t, 'three chunks', v => v.chunksDone === 3)
    full = true
    peer.release()
    const paused = await viewWhen(t, 'paused and stopped', v => v.state === 'paused' && !t.active)
    assert.equal(paused.error?.code, 'disk-full')
    assert.match(paused.error?.message ?? '', /full.*Free some space/)
    assert.equal(paused.chunksDone, 3, 'verified chunks are kept')
    assert.deepEqual((await fs.readdir(swarm.outDir)).filter(e => !e.startsWith('.')), [], 'nothing under its real name')

    full = false
    t.start()
    const done = await viewWhen(t, 'done', v => v.state === 'done')
    await assertSameBytes(done, share)
    assert.equal(done.chunksResumed, 3)
    assert.equal(done.path, path.join(swarm.outDir, share.manifest.name))
  })

  it('says it waits for a source when its peers hold none of the chunks still missing, and goes on when one comes', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(10)
    const half = await swarm.addPeer(share, { has: range(0, 6) })
    const t = swarm.transfer(share, [half])
    t.start()
    const waiting = await viewWhen(t, 'waiting for a source', v => v.waiting != null, 10_000)
    assert.equal(waiting.state, 'downloading')
    assert.deepEqual(waiting.waiting?.missingRanges, [[6, 9]], 'the chunks nobody has')
    assert.equal(waiting.waiting?.missingChunks, 4)
    assert.equal(waiting.waiting?.connectedSources, 1, 'its one peer is connected, but has none of them')
    assert.ok(waiting.waiting?.lastChunkAt != null, 'and sent chunks before')
    assert.ok(Date.now() - waiting.waiting.since >= WAITING_GRACE, 'only after a grace, not at every pause between chunks')

    swarm.connected = []
    const whole = await swarm.addPeer(share)
    swarm.providers = [whole.id]
    const done = await viewWhen(t, 'done once a peer that has them comes', v => v.state === 'done', 15_000)
    assert.equal(done.waiting, undefined)
    await assertSameBytes(done, share)
  })
})
