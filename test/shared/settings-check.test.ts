/**
 * The shape checks every setting and node option gets, wherever it is
 * typed: the CLI, the desktop app's command line, the settings form and the
 * engine all run these, so a mistake reads the same everywhere.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkBootstrapAddress, checkListenAddress, checkNetworkName, checkNodeOption, findSettingsMistake, isAbsolutePath } from '../../shared/index.js'

describe('settings checks', () => {
  it('take multiaddrs in their shape, and bootstrap peers with the peer to expect', () => {
    assert.equal(checkListenAddress('/ip4/0.0.0.0/tcp/4001'), null)
    assert.equal(checkListenAddress('/ip6/::/tcp/0/ws'), null)
    assert.match(checkListenAddress('0.0.0.0:4001') ?? '', /not a multiaddr.*\/ip4\/0\.0\.0\.0\/tcp\/4001/)
    assert.match(checkListenAddress('/ip4/0.0.0.0/tcp/ 1') ?? '', /not a multiaddr/)
    assert.match(checkListenAddress('/ip4//tcp/1') ?? '', /not a multiaddr/)
    assert.equal(checkBootstrapAddress('/ip4/192.0.2.7/tcp/4001/p2p/12D3KooWabc'), null)
    assert.match(checkBootstrapAddress('/ip4/192.0.2.7/tcp/4001') ?? '', /ending in \/p2p\/<peer id>/)
    assert.match(checkBootstrapAddress('/ip4/192.0.2.7/tcp/4001/p2p/') ?? '', /ending in \/p2p\/<peer id>/)
  })

  it('take relays like bootstrap peers (a relay\'s own address, not one through it) and STUN URLs', () => {
    assert.equal(checkNodeOption('relays', ['/ip4/11.0.0.1/tcp/4001/p2p/12D3KooWabc']), null)
    assert.match(checkNodeOption('relays', ['/ip4/11.0.0.1/tcp/4001']) ?? '', /not a relay address.*peershare relay/)
    assert.match(checkNodeOption('relays', ['/ip4/11.0.0.1/tcp/4001/p2p/12D3KooWabc/p2p-circuit/p2p/12D3KooWdef']) ?? '', /through a relay; give the relay's own address/)
    assert.equal(checkNodeOption('stun', ['stun:11.0.0.1:3478', 'stun:stun.example.org', 'turn:turn.example.org:3478']), null)
    assert.match(checkNodeOption('stun', ['11.0.0.1:3478']) ?? '', /not a STUN server URL.*stun:relay\.example\.org:3478/)
    assert.match(checkNodeOption('stun', 'stun:x') ?? '', /are a list/)
    assert.equal(checkNodeOption('upnp', false), null)
    assert.match(checkNodeOption('relayService', 'yes') ?? '', /true.*false/)
    for (const ok of ['ask', 'on', 'off']) assert.equal(checkNodeOption('publicNetwork', ok), null)
    assert.match(checkNodeOption('publicNetwork', true) ?? '', /"on", "off" or "ask"/)
  })

  it('take network names that fit a protocol id and an mDNS label', () => {
    assert.equal(checkNetworkName('test-0b7e9c1e-5d0c-4a57-b9d8-3b0f8a1c2d3e'), null)
    assert.match(checkNetworkName('') ?? '', /needs a name/)
    assert.match(checkNetworkName('my/net') ?? '', /not a network name/)
    assert.match(checkNetworkName('x'.repeat(49)) ?? '', /up to 48/)
  })

  it('take whole non-negative rates, booleans for mDNS and absolute download folders', () => {
    assert.equal(checkNodeOption('uploadLimit', 0), null)
    assert.equal(checkNodeOption('downloadLimit', 1048576), null)
    for (const bad of [-1, 1.5, '10', Number.NaN, Infinity]) assert.match(checkNodeOption('uploadLimit', bad) ?? '', /whole number/, String(bad))
    assert.equal(checkNodeOption('mdns', false), null)
    assert.match(checkNodeOption('mdns', 'off') ?? '', /true.*false/)
    assert.equal(checkNodeOption('downloadDir', '/home/ana/Downloads'), null)
    assert.match(checkNodeOption('downloadDir', '~/Downloads') ?? '', /absolute/)
    assert.ok(isAbsolutePath('C:\\Users\\ana') && isAbsolutePath('\\\\server\\share') && !isAbsolutePath('Downloads'))
  })

  it('find the first mistake in an update, naming its field; unknown fields are mistakes', () => {
    assert.equal(findSettingsMistake({ uploadLimit: 10, mdns: true }), null)
    assert.equal(findSettingsMistake({}), null)
    assert.equal(findSettingsMistake({ listen: undefined }), null, 'an absent value is no change')
    assert.deepEqual(findSettingsMistake({ uploadLimit: 10, bootstrap: ['nope'] })?.field, 'bootstrap')
    assert.deepEqual(findSettingsMistake({ fromFlags: [] })?.field, 'fromFlags')
    assert.deepEqual(findSettingsMistake({ network: 'lab' })?.field, 'network', 'the network is not a saved setting')
    assert.equal(findSettingsMistake({ network: 'lab' }, { allowNetwork: true }), null)
    assert.equal(findSettingsMistake([])?.field, '')
    assert.equal(findSettingsMistake({ listen: new Array(33).fill('/ip4/0.0.0.0/tcp/0') })?.field, 'listen')
  })
})
