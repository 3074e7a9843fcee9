/**
 * The kad-dht adapter against the installed kad-dht, with two real nodes on
 * loopback: the public routing-table size it gates on, and the internals
 * the DHT view reads (the bucket trie, the provider-record layout). If an
 * upgrade of kad-dht moves those internals, this test fails.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { MemoryDatastore } from 'datastore-core'
import { Key } from 'interface-datastore'
import { KadAdapter } from '../../../electron/core/node/kad.js'
import { cidOf, pairOfNodes, stopNodes } from './nodes.js'
import { waitFor } from '../../support/wait.js'
import type { SingleKadDHT } from '@libp2p/kad-dht'

describe('kad-dht adapter', () => {
  it('sees the other node in the routing table size and in the bucket view alike', { timeout: 30_000 }, async () => {
    const [a, b] = await pairOfNodes()
    try {
      for (const [self, other] of [[a, b], [b, a]]) {
        const buckets = self.kad.buckets()
        const peers = buckets.flatMap(bucket => bucket.peers)
        assert.ok(peers.includes(other.node.peerId.toString()), `the bucket view lists the other node: ${JSON.stringify(buckets)}`)
        assert.equal(peers.length, self.kad.routingTableSize(), 'the buckets hold as many peers as the routing table says')
        assert.ok(buckets.every(bucket => typeof bucket.prefix === 'string' && bucket.depth >= 0))
        assert.equal(self.kad.mode, 'server')
        assert.equal(self.kad.k, 20)
        assert.deepEqual(self.kad.movedInternals(), [], 'every kad-dht internal the views read is where this version keeps it')
      }
    } finally {
      await stopNodes(a, b)
    }
  })

  it('lists the provider records both nodes hold after an announcement, and withdrawing drops this node\'s own', { timeout: 30_000 }, async () => {
    const [a, b] = await pairOfNodes()
    try {
      const cid = await cidOf('provider records')
      const root = cid.toString()
      const self = a.node.peerId.toString()
      const before = Date.now()
      await a.kad.provide(cid, { signal: AbortSignal.timeout(10_000) })
      const own = (await a.kad.providerRecords()).find(r => r.root === root && r.provider === self)
      assert.ok(own != null, 'the announcing node holds a record of itself')
      assert.ok((own.receivedAt ?? 0) >= before && (own.receivedAt ?? 0) <= Date.now(), `its time is when it was made: ${own.receivedAt}`)
      await waitFor(async () => (await b.kad.providerRecords()).some(r => r.root === root && r.provider === self), {
        what: 'the other node to hold the provider record', timeoutMs: 10_000, intervalMs: 50
      })
      assert.deepEqual(a.kad.movedInternals(), [])
      assert.deepEqual(b.kad.movedInternals(), [])

      await a.kad.withdraw(cid, { signal: AbortSignal.timeout(10_000) })
      assert.ok(!(await a.kad.providerRecords()).some(r => r.root === root && r.provider === self), 'no record of itself is left to re-announce')
    } finally {
      await stopNodes(a, b)
    }
  })

  it('says once, and shows nothing, when kad-dht keeps its internals elsewhere', async () => {
    const moved = { getMode: () => 'server', k: 20, routingTable: { size: 3 } } as unknown as SingleKadDHT
    const datastore = new MemoryDatastore()
    await datastore.put(new Key('/dht/provider/not-a-multihash'), Uint8Array.of(1))
    const kad = new KadAdapter({ dht: moved, datastore, peerId: peerIdFromPrivateKey(await generateKeyPair('Ed25519')) })
    assert.equal(kad.routingTableSize(), 3, 'the public size still gates')
    assert.deepEqual(kad.buckets(), [])
    assert.deepEqual(await kad.providerRecords(), [])
    assert.deepEqual(kad.buckets(), [])
    assert.deepEqual(kad.movedInternals(), ['routingTable.kb.root', 'provider records'], 'each moved internal is reported once')
  })
})
