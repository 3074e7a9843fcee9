/**
 * When roots are announced to the DHT, on fake time with an in-memory DHT:
 * once the routing table has a peer, again every interval, retried after a
 * failure, and never again once removed (the DHT's own record withdrawn).
 */
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it, mock } from 'node:test'
import { Announcer, type AnnouncementRouting } from '../../../electron/core/discovery/announcer.js'
import { cidOf } from '../node/nodes.js'
import type { AbortOptions } from '@libp2p/interface'
import type { CID } from 'multiformats/cid'

const INTERVAL = 60_000
const TICK = 1_000

/** A DHT that records what it was asked, in order. */
class MemoryRouting implements AnnouncementRouting {
  size = 1
  readonly log: string[] = []
  failWith?: Error
  /** Provides wait until aborted. */
  hang = false

  async provide (cid: CID, options: AbortOptions): Promise<void> {
    this.log.push(`provide ${cid.toString()}`)
    if (this.hang) {
      await new Promise<void>((_resolve, reject) => {
        options.signal?.addEventListener('abort', () => {
          this.log.push(`aborted ${cid.toString()}`)
          reject(options.signal?.reason)
        }, { once: true })
      })
    }
    if (this.failWith != null) throw this.failWith
  }

  async withdraw (cid: CID): Promise<void> {
    this.log.push(`withdraw ${cid.toString()}`)
  }

  routingTableSize (): number {
    return this.size
  }

  count (what: string): number {
    return this.log.filter(l => l === what).length
  }
}

/** Lets the announcer's promises settle. */
async function settle (): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise(resolve => setImmediate(resolve))
}

describe('announcer', () => {
  let routing: MemoryRouting
  let announcer: Announcer
  let root: string

  beforeEach(async () => {
    mock.timers.enable({ apis: ['setInterval', 'Date'], now: 1_000_000 })
    routing = new MemoryRouting()
    announcer = new Announcer({ routing }, { interval: INTERVAL, tick: TICK })
    announcer.start()
    root = (await cidOf('holiday.mp4')).toString()
  })

  afterEach(() => {
    announcer.stop()
    mock.timers.reset()
  })

  it('waits for a peer in the routing table, then announces', async () => {
    routing.size = 0
    announcer.add(root)
    mock.timers.tick(5 * TICK)
    await settle()
    assert.deepEqual(routing.log, [], 'nobody to tell yet')
    assert.equal(announcer.states()[0].lastAnnouncedAt, null)
    routing.size = 1
    mock.timers.tick(TICK)
    await settle()
    assert.deepEqual(routing.log, [`provide ${root}`])
    assert.equal(announcer.states()[0].lastAnnouncedAt, Date.now())
  })

  it('announces again every interval, not before', async () => {
    announcer.add(root)
    await settle()
    assert.equal(routing.count(`provide ${root}`), 1, 'announced at once when the DHT has peers')
    mock.timers.tick(INTERVAL - TICK)
    await settle()
    assert.equal(routing.count(`provide ${root}`), 1)
    mock.timers.tick(TICK)
    await settle()
    assert.equal(routing.count(`provide ${root}`), 2)
  })

  it('never announces a removed root again and withdraws the DHT record of it', async () => {
    announcer.add(root)
    await settle()
    await announcer.remove(root)
    assert.deepEqual(routing.log, [`provide ${root}`, `withdraw ${root}`])
    mock.timers.tick(5 * INTERVAL)
    await settle()
    assert.deepEqual(routing.log, [`provide ${root}`, `withdraw ${root}`], 'no announcement after removal')
    assert.deepEqual(announcer.states(), [])
  })

  it('aborts an announcement in flight before withdrawing, so it cannot land afterwards', async () => {
    routing.hang = true
    announcer.add(root)
    await settle()
    await announcer.remove(root)
    assert.deepEqual(routing.log, [`provide ${root}`, `aborted ${root}`, `withdraw ${root}`])
  })

  it('withdraws nothing when the root is added back while its announcement is being aborted', async () => {
    routing.hang = true
    announcer.add(root)
    await settle()
    const removing = announcer.remove(root)
    routing.hang = false
    announcer.add(root)
    await removing
    await settle()
    assert.equal(routing.count(`withdraw ${root}`), 0)
    assert.equal(announcer.states().length, 1)
  })

  it('shows a failure and retries a tenth of the interval later', async () => {
    routing.failWith = new Error('no peer took the record')
    announcer.add(root)
    await settle()
    assert.equal(announcer.states()[0].lastError, 'no peer took the record')
    mock.timers.tick(INTERVAL / 10 - TICK)
    await settle()
    assert.equal(routing.count(`provide ${root}`), 1, 'not retried at once')
    routing.failWith = undefined
    mock.timers.tick(TICK)
    await settle()
    assert.equal(routing.count(`provide ${root}`), 2)
    assert.equal(announcer.states()[0].lastError, undefined)
    assert.equal(announcer.states()[0].lastAnnouncedAt, Date.now())
  })

  it('aborts announcements in flight on stop without calling them failed', async () => {
    routing.hang = true
    announcer.add(root)
    await settle()
    announcer.stop()
    await settle()
    assert.deepEqual(routing.log, [`provide ${root}`, `aborted ${root}`])
    assert.equal(announcer.states()[0].lastError, undefined)
  })
})
