/**
 * A root a node stops serving stops being announced, as the other node of
 * the DHT sees it: while shared, the other's provider record of it is
 * refreshed with every announcement and only then; once removed, it is
 * never refreshed again, not even by kad-dht's own sweep of provider
 * records, which here runs every 200 ms and treats records as expired
 * after 1.5 s (so days of a long-running node pass in a few seconds).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { Announcer } from '../../../electron/core/discovery/announcer.js'
import { cidOf, pairOfNodes, stopNodes } from '../node/nodes.js'
import { waitFor } from '../../support/wait.js'
import type { NodeParts } from '../../../electron/core/node/create-node.js'

const INTERVAL = 400
const SWEEP = { interval: 200, validity: 1_500 }

/** When `holder` last received `provider`'s record for `root`, if it holds one. */
async function receivedAt (holder: NodeParts, root: string, provider: NodeParts): Promise<number | undefined> {
  const id = provider.node.peerId.toString()
  return (await holder.kad.providerRecords()).find(r => r.root === root && r.provider === id)?.receivedAt
}

describe('announcer on a real DHT', () => {
  it('is the one schedule: while shared, the other node\'s record is refreshed per announcement, not per sweep', { timeout: 60_000 }, async () => {
    const [sharer, other] = await pairOfNodes({ recordSweep: SWEEP })
    // Announcements a little more often than records expire: kad-dht's sweep never finds one of ours due.
    const announcer = new Announcer({ routing: sharer.kad }, { interval: 1_000, tick: 50 })
    try {
      announcer.start()
      const root = (await cidOf('shared all along')).toString()
      announcer.add(root)
      await waitFor(async () => await receivedAt(other, root, sharer), { what: 'the first provider record', timeoutMs: 15_000, intervalMs: 50 })
      const refreshes = new Set<number>()
      for (const until = Date.now() + 3_000; Date.now() < until;) {
        const at = await receivedAt(other, root, sharer)
        if (at != null) refreshes.add(at)
        await sleep(50)
      }
      // About 3 from the announcer in 3 s; kad-dht's sweep re-announcing too would add one every 200 ms.
      assert.ok(refreshes.size >= 2 && refreshes.size <= 5, `refreshed ${refreshes.size} times in 3 s`)
    } finally {
      announcer.stop()
      await stopNodes(sharer, other)
    }
  })

  it('stops refreshing the other node\'s provider record once the root is removed', { timeout: 60_000 }, async () => {
    const [sharer, other] = await pairOfNodes({ recordSweep: SWEEP })
    const announcer = new Announcer({ routing: sharer.kad }, { interval: INTERVAL, tick: 50 })
    try {
      announcer.start()
      const root = (await cidOf('unshared later')).toString()
      announcer.add(root)
      const first = await waitFor(async () => await receivedAt(other, root, sharer), {
        what: 'the other node to hold the sharer\'s provider record', timeoutMs: 15_000, intervalMs: 50
      })
      await waitFor(async () => ((await receivedAt(other, root, sharer)) ?? 0) > first, {
        what: 'the record to be refreshed by the next announcement', timeoutMs: 15_000, intervalMs: 50
      })

      await announcer.remove(root)
      // An announcement that was on the wire when the root was removed may still land.
      await sleep(INTERVAL)
      const last = await receivedAt(other, root, sharer)
      assert.ok(last != null)
      await sleep(SWEEP.validity + 4 * SWEEP.interval + 2 * INTERVAL)
      assert.equal(await receivedAt(other, root, sharer), last, 'nothing announced the removed root again')
      const self = sharer.node.peerId.toString()
      assert.ok(!(await sharer.kad.providerRecords()).some(r => r.root === root && r.provider === self), 'the sharer keeps no record of itself to re-announce')
      assert.deepEqual(announcer.states(), [])
    } finally {
      announcer.stop()
      await stopNodes(sharer, other)
    }
  })
})
