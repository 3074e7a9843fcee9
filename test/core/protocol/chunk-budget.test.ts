/** The chunk budget: per peer and in all, given back, and freed bytes going first to peers that read. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ChunkBudget } from '../../../electron/core/protocol/chunk-budget.js'

const settled = async (p: Promise<unknown>): Promise<boolean> => await Promise.race([p.then(() => true, () => true), new Promise<boolean>(resolve => setImmediate(() => { resolve(false) }))])

describe('chunk budget', () => {
  it('holds a peer to its own share and all peers to the total', async () => {
    const b = new ChunkBudget({ perPeer: 2, total: 3 })
    await b.take('a', 1)
    await b.take('a', 1)
    const third = b.take('a', 1)
    assert.equal(await settled(third), false, 'a peer at its share waits')
    await b.take('b', 1)
    const other = b.take('c', 1)
    assert.equal(await settled(other), false, 'nobody passes the total')
    b.give('b', 1)
    assert.equal(await settled(other), true, 'bytes given back let the next one in')
    assert.equal(b.used, 3)
  })

  it('gives freed bytes to a peer that reads before one whose streams wait on it', async () => {
    const b = new ChunkBudget({ perPeer: 4, total: 2 })
    await b.take('slow', 1)
    await b.take('slow', 1)
    b.blocked('slow', 1)
    const slowWants = b.take('slow', 1)
    const readerWants = b.take('reader', 1)
    b.give('slow', 1)
    assert.equal(await settled(readerWants), true)
    assert.equal(await settled(slowWants), false)
  })

  it('a waiter that gives up leaves no hold behind', async () => {
    const b = new ChunkBudget({ perPeer: 1, total: 1 })
    await b.take('a', 1)
    const controller = new AbortController()
    const waiting = b.take('b', 1, { signal: controller.signal })
    controller.abort(new Error('stream closed'))
    await assert.rejects(waiting, /stream closed/)
    b.give('a', 1)
    assert.equal(b.used, 0)
    assert.equal(b.peers, 0)
  })
})
