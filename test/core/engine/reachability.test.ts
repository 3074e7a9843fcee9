/**
 * What follows from what a node knows about itself: its reachability, and
 * whether its DHT answers queries (only where others can dial it, or on a
 * network with no public peers at all).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dhtServes, reachabilityOf, type ReachFacts } from '../../../electron/core/engine/reachability.js'

const NOW = 1_000_000
const FACTS: ReachFacts = { publicAddrs: [], relays: [], loopbackOnly: false, nat: 'unknown' }
const relay = { peerId: '12D3KooWrelay', addr: '/ip4/11.0.0.1/tcp/4001/p2p/12D3KooWrelay/p2p-circuit/p2p/12D3KooWme' }

describe('reachability', () => {
  it('a confirmed public address makes a node public, whatever else it has', () => {
    assert.equal(reachabilityOf({ ...FACTS, publicAddrs: ['/ip4/11.0.0.2/tcp/4001'], relays: [relay], publicPeerSince: NOW - 60_000 }, NOW), 'public')
  })

  it('behind a NAT: relayed through a reservation, relayed only when the NAT maps every flow anew', () => {
    assert.equal(reachabilityOf({ ...FACTS, relays: [relay], publicPeerSince: NOW }, NOW), 'relayed')
    assert.equal(reachabilityOf({ ...FACTS, relays: [relay], nat: 'port-preserving', publicPeerSince: NOW }, NOW), 'relayed')
    assert.equal(reachabilityOf({ ...FACTS, relays: [relay], nat: 'per-flow', publicPeerSince: NOW }, NOW), 'relayed-only')
  })

  it('with public peers around and no reservation: unknown for a grace, then unreachable', () => {
    assert.equal(reachabilityOf({ ...FACTS, publicPeerSince: NOW - 1_000 }, NOW, 10_000), 'unknown')
    assert.equal(reachabilityOf({ ...FACTS, publicPeerSince: NOW - 11_000 }, NOW, 10_000), 'unreachable')
  })

  it('with no public peer ever met: a LAN, or this computer only', () => {
    assert.equal(reachabilityOf(FACTS, NOW), 'lan')
    assert.equal(reachabilityOf({ ...FACTS, loopbackOnly: true }, NOW), 'loopback')
  })

  it('the DHT answers queries only where others can dial this node, or nobody public is around', () => {
    assert.deepEqual(
      (['public', 'relayed', 'relayed-only', 'unreachable', 'unknown', 'lan', 'loopback'] as const).filter(dhtServes),
      ['public', 'unknown', 'lan', 'loopback']
    )
  })
})
