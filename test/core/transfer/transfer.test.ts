/**
 * A transfer's state machine when things go wrong: a store that refuses
 * writes pauses the download with a clear error (and never takes the process
 * down with an unhandled rejection), and a failed transfer stops all its
 * work, its search for peers included.
 */
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { DISCOVERY_RETRY } from '../../../electron/core/defaults.js'
import { Store } from '../../../electron/core/library/store.js'
import { storePrefixes } from '../../../electron/core/library/store-keys.js'
import { assertSameBytes, memoryShare, range, swarmPerTest, viewWhen } from './support/memory-swarm.js'
import type { TransferRecord } from '../../../electron/core/transfer/transfer.js'

/** A store whose writes fail while `failing` is set, as on a full or read-only disk. */
class FailingStore extends Store {
  failing = false

  override async putBytes (key: string, value: Uint8Array): Promise<void> {
    if (this.failing) throw new Error('IO error: No space left on device')
    await super.putBytes(key, value)
  }

  override async putJson (key: string, value: unknown): Promise<void> {
    if (this.failing) throw new Error('IO error: No space left on device')
    await super.putJson(key, value)
  }
}

let unhandled: unknown[]
const onUnhandled = (err: unknown): void => { unhandled.push(err) }

describe('transfer', () => {
  let store!: FailingStore
  const swarmOf = swarmPerTest(init => (store = new FailingStore(init)))
  beforeEach(() => {
    unhandled = []
    process.on('unhandledRejection', onUnhandled)
  })
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled)
    // Lets the swarm's own cleanup write (it runs after this hook).
    store.failing = false
  })

  it('pauses with a clear error when the store refuses to save progress, and resumes once it works again', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(12)
    const peer = await swarm.addPeer(share)
    peer.hold(...range(4, 12))
    const t = swarm.transfer(share, [peer])
    t.start()
    await viewWhen(t, 'four chunks', v => v.chunksDone === 4)
    store.failing = true
    peer.release()
    const paused = await viewWhen(t, 'paused and stopped', v => v.state === 'paused' && !t.active)
    assert.equal(paused.error?.code, 'write-failed')
    assert.match(paused.error?.message ?? '', /save the download's progress.*No space left.*then resume/)
    assert.equal(paused.chunksDone, 4, 'what the store holds is what the view shows')
    await sleep(50)
    assert.deepEqual(unhandled, [], 'no unhandled rejection')

    store.failing = false
    t.start()
    const done = await viewWhen(t, 'done', v => v.state === 'done')
    await assertSameBytes(done, share)
    assert.equal(done.chunksResumed, 4, 'nothing verified was lost')
  })

  it('pauses with a clear error when the store refuses the transfer\'s record', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(4)
    const peer = await swarm.addPeer(share)
    store.failing = true
    const t = swarm.transfer(share, [peer])
    t.start()
    const paused = await viewWhen(t, 'paused and stopped', v => v.state === 'paused' && !t.active)
    assert.equal(paused.error?.code, 'write-failed')
    assert.match(paused.error?.message ?? '', /No space left/)
    await sleep(50)
    assert.deepEqual(unhandled, [], 'no unhandled rejection')

    // Pausing by hand with the store still failing: paused all the same, and the view says why.
    await t.pause()
    assert.equal(t.view().state, 'paused')
    assert.equal(t.view().error?.code, 'write-failed')

    store.failing = false
    t.start()
    await viewWhen(t, 'done', v => v.state === 'done')
    const [record] = await swarm.store.listJson<TransferRecord>(storePrefixes.transfer)
    assert.equal(record.state, 'done', 'the record caught up once the store worked')
  })

  it('stops looking for peers once it has failed', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(4)
    const peer = await swarm.addPeer(share)
    const t = swarm.transfer(share, [peer], swarm.components(), { files: ['not-in-this-share.txt'] })
    t.start()
    const failed = await viewWhen(t, 'failed and stopped', v => v.state === 'failed' && !t.active)
    assert.equal(failed.error?.code, 'bad-request')
    assert.match(failed.error?.message ?? '', /not-in-this-share\.txt/)
    const dials = swarm.dials.length
    await sleep(DISCOVERY_RETRY * 2)
    assert.deepEqual(swarm.dials.slice(dials), [], 'no peer is asked anything after the failure')
  })
})
