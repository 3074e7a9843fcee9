/**
 * The kad-dht adapter against the installed kad-dht, with real nodes on
 * loopback: the public routing-table size it gates on, and the internals
 * the DHT view and the inspector read (the bucket trie, its peers' KAD-IDs
 * and last pings, the routing table's add/remove events, kad-dht's own
 * KAD-ID of this node, the provider-record layout), and the query events
 * a traced lookup records. If an upgrade of kad-dht moves those internals,
 * this test fails.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { MemoryDatastore } from 'datastore-core'
import { Key } from 'interface-datastore'
import { KadAdapter } from '../../../electron/core/node/kad.js'
import type { KadStep, LookupRecorder } from '../../../electron/core/node/kad-trace.js'
import { kadIdOfPeer } from '../../../electron/core/node/kad-id.js'
import { cidOf, pairOfNodes, startNode, stopNodes } from './nodes.js'
import { waitFor } from '../../support/wait.js'
import type { SingleKadDHT } from '@libp2p/kad-dht'
import type { PeerId } from '@libp2p/interface'

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

  it('reads each routing-table peer with its KAD-ID and last ping, as kad-dht derives and keeps them', { timeout: 30_000 }, async () => {
    const [a, b] = await pairOfNodes()
    try {
      const entries = a.kad.routingEntries()
      const other = entries.find(e => e.peerId === b.node.peerId.toString())
      assert.ok(other != null, `the other node is an entry: ${JSON.stringify(entries.map(e => e.peerId))}`)
      assert.deepEqual([...other.kadId], [...kadIdOfPeer(b.node.peerId)], 'its KAD-ID is the SHA-256 of its multihash')
      assert.ok(other.lastPing > 0 && other.lastPing <= Date.now(), `kad-dht pinged it before adding it: ${other.lastPing}`)
      assert.equal(typeof other.bucket.prefix, 'string')
      assert.deepEqual(a.kad.movedInternals(), [], 'kad-dht derives this node\'s KAD-ID as PeerShare does, and keeps the peers where PeerShare reads them')
    } finally {
      await stopNodes(a, b)
    }
  })

  it('hears of every peer kad-dht adds to or removes from the routing table', { timeout: 30_000 }, async () => {
    const network = `test-${Date.now()}-events`
    const a = await startNode(network)
    const b = await startNode(network).catch(async err => { await a.node.stop(); throw err })
    const seen: string[] = []
    const stop = a.kad.onRoutingChange((kind, peerId) => { seen.push(`${kind} ${peerId}`) })
    try {
      await a.node.dial(b.node.getMultiaddrs()[0], { signal: AbortSignal.timeout(10_000) })
      const added = `added ${b.node.peerId.toString()}`
      await waitFor(() => seen.includes(added), { what: 'the addition to be heard', timeoutMs: 15_000, intervalMs: 50 })
      // As kad-dht does when a full bucket's old contact stops answering its ping.
      await (a.node.services.dht.routingTable as unknown as { remove(peer: PeerId): Promise<void> }).remove(b.node.peerId)
      await waitFor(() => seen.includes(`removed ${b.node.peerId.toString()}`), { what: 'the removal to be heard', timeoutMs: 5_000, intervalMs: 50 })
      assert.deepEqual(a.kad.movedInternals(), [])
    } finally {
      stop()
      await stopNodes(a, b)
    }
  })

  it('records a lookup\'s query events, stamped as they arrive: dial, send and answer per peer', { timeout: 30_000 }, async () => {
    const steps: KadStep[] = []
    let ended: unknown = 'not yet'
    const recorder: LookupRecorder = { begin: () => ({ id: 't1', step: s => { steps.push(s) }, end: err => { ended = err } }) }
    const [a, b] = await pairOfNodes()
    try {
      const cid = await cidOf('traced')
      await b.kad.provide(cid, { signal: AbortSignal.timeout(10_000) })
      // provide() may resolve before the other node has stored the record it sent.
      await waitFor(async () => (await a.kad.providerRecords()).some(r => r.root === cid.toString() && r.provider === b.node.peerId.toString()), {
        what: 'this node to hold the other node\'s provider record', timeoutMs: 10_000, intervalMs: 50
      })
      const traced = new KadAdapter({ dht: a.node.services.dht, datastore: new MemoryDatastore(), peerId: a.node.peerId, lookups: recorder })
      const before = Date.now()
      let id = ''
      const found: string[] = []
      for await (const p of traced.findProviders(cid, { signal: AbortSignal.timeout(10_000), onTrace: t => { id = t } })) found.push(p.id.toString())
      assert.equal(id, 't1')
      assert.equal(ended, undefined, 'the recording ended without an error')
      assert.ok(found.includes(b.node.peerId.toString()), `the provider is found: ${JSON.stringify(steps)}`)
      const other = b.node.peerId.toString()
      const kinds = steps.filter(s => 'peer' in s && s.peer === other).map(s => s.kind)
      assert.deepEqual(kinds.slice(0, 3), ['dial', 'send', 'response'], `the other node's steps: ${JSON.stringify(steps)}`)
      const response = steps.find(s => s.kind === 'response' && s.peer === other)
      assert.ok(response?.kind === 'response' && response.message === 'GET_PROVIDERS' && Array.isArray(response.closer), JSON.stringify(steps))
      const local = steps.find(s => s.kind === 'response' && s.peer === a.node.peerId.toString())
      assert.ok(local?.kind === 'response' && local.path === -1 && local.providers.includes(other), `this node's own record of the provider comes first, on no path: ${JSON.stringify(steps)}`)
      assert.ok(steps.every(s => s.at >= before && s.at <= Date.now()), 'every step is stamped when it arrived')
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
    assert.deepEqual(kad.routingEntries(), [])
    kad.onRoutingChange(() => {})()
    assert.deepEqual(kad.movedInternals(), ['routingTable.kb.root', 'provider records', 'routingTable peer:add/peer:remove events'], 'each moved internal is reported once')
  })
})
