/**
 * A connection's path, as a person sees it in the Peers view, each
 * transfer's rows and `peershare peers --json`: from libp2p's direct flag
 * and the remote address alone (docs/reach.md's rule).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { multiaddr } from '@multiformats/multiaddr'
import { pathOf, relayOf } from '../../../electron/core/node/connection-path.js'

const RELAY = '12D3KooWRmaDtqNa9ZfK2JEufbGFvDKzRJt5sQ2X8vgh2LoZ1Vnf'
const PEER = '12D3KooWKnDdG3iXw9eTFijk3EWSunZcFi54Zka4wmtqtt6rPxc8'
const path = (addr: string, direct = true): ReturnType<typeof pathOf> => pathOf(multiaddr(addr), direct)

describe('connection path', () => {
  it('a connection through a relay is relayed, names the relay, with or without limits', () => {
    assert.deepEqual(path(`/ip4/11.0.0.1/tcp/4001/p2p/${RELAY}/p2p-circuit/p2p/${PEER}`, false), { path: 'relayed', transport: 'circuit-relay', relay: RELAY })
    // Even when the relay is on a LAN or this computer: the bytes still pass through it.
    assert.equal(path(`/ip4/127.0.0.1/tcp/4001/p2p/${RELAY}/p2p-circuit/p2p/${PEER}`, false).path, 'relayed')
  })

  it('a direct WebRTC connection is hole-punched, although its address still names the relay of its signalling', () => {
    assert.deepEqual(path(`/ip4/11.0.0.1/tcp/4001/p2p/${RELAY}/p2p-circuit/webrtc/p2p/${PEER}`), { path: 'holepunched', transport: 'webrtc' })
  })

  it('anything else by its address: loopback, a private range, or public', () => {
    assert.deepEqual(path(`/ip4/127.0.0.1/tcp/4001/p2p/${PEER}`), { path: 'loopback', transport: 'tcp' })
    assert.deepEqual(path(`/ip4/192.168.10.10/tcp/4001/p2p/${PEER}`), { path: 'lan', transport: 'tcp' })
    assert.deepEqual(path('/ip4/10.11.0.10/tcp/4001/ws'), { path: 'lan', transport: 'websockets' })
    assert.deepEqual(path(`/ip4/11.0.0.3/tcp/4101/p2p/${PEER}`), { path: 'direct', transport: 'tcp' })
    assert.deepEqual(path('/ip6/::1/tcp/4001'), { path: 'loopback', transport: 'tcp' })
    assert.deepEqual(path('/dns4/example.org/tcp/443/wss'), { path: 'direct', transport: 'websockets' })
  })

  it('reads the relay of a circuit address, and nothing from other addresses', () => {
    assert.equal(relayOf(multiaddr(`/ip4/11.0.0.1/tcp/4001/p2p/${RELAY}/p2p-circuit/webrtc/p2p/${PEER}`)), RELAY)
    assert.equal(relayOf(multiaddr(`/ip4/11.0.0.1/tcp/4001/p2p/${PEER}`)), undefined)
    assert.equal(relayOf(multiaddr('/p2p-circuit')), undefined)
  })
})
