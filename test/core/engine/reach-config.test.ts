/**
 * How a run reaches others, settled from its settings: which network, whom
 * to bootstrap from, which relays and STUN servers, and whether the reach
 * parts are assembled at all.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultSettings, PUBLIC_BOOTSTRAP, PUBLIC_STUN } from '../../../electron/core/defaults.js'
import { reachConfig, relayStun } from '../../../electron/core/engine/reach-config.js'
import { multiaddr } from '@multiformats/multiaddr'
import type { SettingsValues } from '../../../shared/index.js'

const RELAY = '/ip4/11.0.0.1/tcp/4001/p2p/12D3KooWRmaDtqNa9ZfK2JEufbGFvDKzRJt5sQ2X8vgh2LoZ1Vnf'
const BOOT = '/dns4/boot.example.org/tcp/4001/p2p/12D3KooWKnDdG3iXw9eTFijk3EWSunZcFi54Zka4wmtqtt6rPxc8'
const settings = (over: Partial<SettingsValues> = {}): SettingsValues => ({ ...defaultSettings('/home/ana/.peershare/default'), ...over })

describe('reach config', () => {
  it('relays are the relays setting, then bootstrap peers (a PeerShare relay is both), each once', () => {
    const c = reachConfig(settings({ relays: [RELAY], bootstrap: [BOOT, RELAY] }), {})
    assert.deepEqual(c.relays.map(String), [RELAY, BOOT])
    assert.deepEqual(c.bootstrap.map(String), [BOOT, RELAY])
  })

  it('STUN servers default to port 3478 of each relay and bootstrap host, where `peershare relay` answers', () => {
    assert.deepEqual(reachConfig(settings({ bootstrap: [RELAY, BOOT] }), {}).stun, ['stun:11.0.0.1:3478', 'stun:boot.example.org:3478'])
    assert.deepEqual(relayStun([multiaddr('/ip6/2001:db8::1/tcp/4001/p2p/12D3KooWKnDdG3iXw9eTFijk3EWSunZcFi54Zka4wmtqtt6rPxc8')]), ['stun:[2001:db8::1]:3478'])
    assert.deepEqual(reachConfig(settings({ bootstrap: [RELAY], stun: ['stun:stun.example.org:3478'] }), {}).stun, ['stun:stun.example.org:3478'], 'given ones win')
    assert.deepEqual(reachConfig(settings(), {}).stun, [], 'no relay, no STUN: nothing on the internet is asked by default')
  })

  it('the public network: the IPFS DHT, its bootstrap list and public STUN servers unless others are given', () => {
    const c = reachConfig(settings({ publicNetwork: 'on' }), {})
    assert.equal(c.network, 'public')
    assert.equal(c.publicNetwork, true)
    assert.deepEqual(c.bootstrap.map(String), [...PUBLIC_BOOTSTRAP])
    assert.deepEqual(c.stun, [...PUBLIC_STUN])
    const lab = reachConfig(settings({ bootstrap: [RELAY] }), { network: 'public' })
    assert.deepEqual(lab.bootstrap.map(String), [RELAY], 'a bootstrap address given replaces the public list (the lab)')
    assert.equal(reachConfig(settings({ publicNetwork: 'ask' }), {}).network, 'peershare', 'not asked yet: the own network')
    assert.equal(reachConfig(settings({ publicNetwork: 'on' }), { network: 'test-net' }).network, 'test-net', '--network wins')
  })

  it('a node on loopback only assembles no reach parts; one that listens beyond gets them, with the relay it may offer', () => {
    assert.equal(reachConfig(settings({ listen: ['/ip4/127.0.0.1/tcp/0'] }), {}).node, undefined)
    const beyond = reachConfig(settings({ bootstrap: [RELAY] }), {})
    assert.deepEqual(beyond.node, { stun: ['stun:11.0.0.1:3478'], upnp: true })
    assert.ok(beyond.relay != null, 'a relay to offer once publicly reachable')
    assert.equal(reachConfig(settings({ relayService: false }), {}).relay, undefined)
    assert.equal(reachConfig(settings({ upnp: false }), {}).node?.upnp, false)
  })

  it('a node on loopback given a relay by name assembles the reach parts (a lab\'s instances and the lab\'s relay); bootstrap peers alone do not', () => {
    const loopback = { listen: ['/ip4/127.0.0.1/tcp/0'] }
    const named = reachConfig(settings({ ...loopback, relays: [RELAY] }), {})
    assert.deepEqual(named.node, { stun: ['stun:11.0.0.1:3478'], upnp: true })
    assert.equal(named.relaysNamed, true)
    const bootstrapOnly = reachConfig(settings({ ...loopback, bootstrap: [RELAY] }), {})
    assert.equal(bootstrapOnly.node, undefined)
    assert.equal(bootstrapOnly.relaysNamed, false)
    assert.equal(reachConfig(settings({ ...loopback, relays: [RELAY] }), { holePunch: false }).node?.holePunch, false, 'the lab\'s relay-only condition')
  })
})
