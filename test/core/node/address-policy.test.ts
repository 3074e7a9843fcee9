/**
 * Which addresses a node dials: another peer's loopback address only when
 * this node is itself loopback-only, or when a person gave it (a bootstrap
 * address, or a pasted link's); link addresses are remembered within a bound.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { multiaddr } from '@multiformats/multiaddr'
import { AddressPolicy, MAX_LINKED_ADDRESSES } from '../../../electron/core/node/address-policy.js'

const PEER = '12D3KooWDUQKJMyRTSRE2JpFWumtRzNfeNPH3zUxaxoVNyUK4mui'

describe('address policy', () => {
  const lan = (): AddressPolicy => {
    const policy = new AddressPolicy()
    policy.updateOwnAddresses([multiaddr('/ip4/10.0.0.2/tcp/4001'), multiaddr('/ip4/127.0.0.1/tcp/4001')])
    return policy
  }

  it('dials a loopback address a pasted link carries, though this node is not loopback-only', () => {
    const policy = lan()
    const linked = multiaddr(`/ip4/127.0.0.1/tcp/4101/p2p/${PEER}`)
    assert.equal(policy.denyDial(linked), true, 'heard of elsewhere: not dialed')
    policy.allowLinked([linked])
    assert.equal(policy.denyDial(linked), false, 'given in a link: dialed')
    assert.equal(policy.denyDial(multiaddr('/ip4/127.0.0.1/tcp/4101')), false, 'with or without its /p2p/ part')
    assert.equal(policy.denyDial(multiaddr('/ip4/127.0.0.1/tcp/4102')), true, 'another loopback address still is not')
  })

  it('a loopback node with a reservation on a relay still dials its peers\' loopback addresses (a lab with its relay)', () => {
    const policy = new AddressPolicy()
    const relay = '12D3KooWRmaDtqNa9ZfK2JEufbGFvDKzRJt5sQ2X8vgh2LoZ1Vnf'
    policy.updateOwnAddresses([
      multiaddr('/ip4/127.0.0.1/tcp/4001'),
      multiaddr(`/ip4/127.0.0.1/tcp/4101/p2p/${relay}/p2p-circuit`),
      multiaddr(`/ip4/127.0.0.1/tcp/4101/p2p/${relay}/p2p-circuit/webrtc`)
    ])
    assert.equal(policy.denyDial(multiaddr(`/ip4/127.0.0.1/tcp/4201/p2p/${PEER}`)), false)
  })

  it('remembers at most MAX_LINKED_ADDRESSES link addresses, the oldest forgotten first', () => {
    const policy = lan()
    const addr = (i: number): ReturnType<typeof multiaddr> => multiaddr(`/ip4/127.0.0.1/tcp/${10_000 + i}`)
    for (let i = 0; i <= MAX_LINKED_ADDRESSES; i++) policy.allowLinked([addr(i)])
    assert.equal(policy.denyDial(addr(0)), true, 'the oldest is forgotten')
    assert.equal(policy.denyDial(addr(1)), false)
    assert.equal(policy.denyDial(addr(MAX_LINKED_ADDRESSES)), false)
  })
})
