/**
 * Reachability and paths in words, as the Network and Peers views and
 * `peershare status` / `peers` say them: one sentence per state, naming
 * the address or the relay a person needs to know about.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { pathText, reachabilityText, type ReachView } from '../../shared/index.js'

const RELAY = '12D3KooWRmaDtqNa9ZfK2JEufbGFvDKzRJt5sQ2X8vgh2LoZ1Vnf'
const BASE: ReachView = {
  reachability: 'unknown',
  publicAddrs: [],
  relays: [],
  nat: 'unknown',
  upnp: 'off',
  relayService: { offered: false, reservations: 0 },
  stun: [],
  publicNetwork: false
}
const words = (over: Partial<ReachView>): string => reachabilityText({ ...BASE, ...over })
const viaRelay = { relays: [{ peerId: RELAY, addr: `/ip4/11.0.0.1/tcp/4001/p2p/${RELAY}/p2p-circuit/p2p/12D3KooWme` }] }

describe('reachability in words', () => {
  it('a public node names its address', () => {
    assert.equal(words({ reachability: 'public', publicAddrs: ['/ip4/11.0.0.2/tcp/4001/p2p/12D3KooWme'] }), 'Reachable at /ip4/11.0.0.2/tcp/4001/p2p/12D3KooWme.')
    assert.match(words({ reachability: 'public', publicAddrs: ['/ip4/11.0.0.2/tcp/4001', '/ip4/11.0.0.2/tcp/4002/ws', '/ip6/2001:db8::1/tcp/4001'] }), /^Reachable at \/ip4\/11\.0\.0\.2\/tcp\/4001 and 2 more addresses\.$/)
  })

  it('a node behind a NAT names its relay, and says whether direct connections can be punched', () => {
    assert.equal(words({ reachability: 'relayed', nat: 'port-preserving', ...viaRelay }), 'Behind a NAT, reachable through relay 12D3KooW…oZ1Vnf; direct connections are made by hole punching.')
    assert.match(words({ reachability: 'relayed', ...viaRelay }), /reachable through relay 12D3KooW…oZ1Vnf; direct connections are made by hole punching where the NATs allow it\.$/)
    assert.equal(words({ reachability: 'relayed-only', nat: 'per-flow', ...viaRelay }), 'Behind a NAT that allows no direct connections (it gives every connection a new port): relayed only, through relay 12D3KooW…oZ1Vnf.')
    assert.match(words({ reachability: 'relayed', relays: [...viaRelay.relays, { peerId: 'x', addr: 'y' }] }), /relay 12D3KooW…oZ1Vnf \(and 1 more\)/)
  })

  it('a node nobody can reach says so, and what to do', () => {
    assert.match(words({ reachability: 'unreachable' }), /^Behind a NAT and not reachable from outside: no relay is configured or found\. Add a relay in Settings \(or start with --relay\)/)
    assert.match(words({ reachability: 'unreachable', nat: 'per-flow' }), /allows no direct connections, and no relay is configured or found/)
  })

  it('the rest: not known yet, a LAN, this computer', () => {
    assert.match(words({ reachability: 'unknown' }), /^Unknown yet/)
    assert.equal(words({ reachability: 'lan' }), 'Reachable on the local network (no public peer is known yet).')
    assert.equal(words({ reachability: 'loopback' }), 'Reachable on this computer only (it listens on loopback).')
  })

  it('paths read as a person says them, naming the relay of a relayed one', () => {
    assert.deepEqual(['loopback', 'lan', 'direct', 'holepunched'].map(p => pathText(p as 'lan')), ['loopback', 'LAN', 'direct', 'hole-punched'])
    assert.equal(pathText('relayed', RELAY), 'relayed via 12D3KooW…oZ1Vnf')
    assert.equal(pathText('relayed'), 'relayed')
  })
})
