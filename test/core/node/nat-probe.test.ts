/**
 * Asking STUN servers how this node's NAT maps connections: the verdict
 * from what they answered, the servers among ICE URLs, and a real probe
 * against two of PeerShare's STUN servers on this machine (no NAT: the
 * address they see is the host's own).
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { judge, probeNat, stunTargets } from '../../../electron/core/node/nat-probe.js'
import { StunServer } from '../../../electron/core/node/stun-server.js'

const OWN = new Set(['127.0.0.1', '192.168.10.10'])

describe('NAT probe', () => {
  const servers: StunServer[] = []
  after(async () => { await Promise.all(servers.map(async s => { await s.stop() })) })

  it('two servers that saw the same public port: the NAT keeps a socket\'s mapping; different ports: every flow is mapped anew', () => {
    assert.equal(judge(5000, [{ address: '11.0.0.3', port: 5000 }, { address: '11.0.0.3', port: 5000 }], 2, OWN), 'port-preserving')
    assert.equal(judge(5000, [{ address: '11.0.0.3', port: 61234 }, { address: '11.0.0.3', port: 61234 }], 2, OWN), 'port-preserving', 'a new port, but the same for everyone')
    assert.equal(judge(5000, [{ address: '11.0.0.3', port: 61234 }, { address: '11.0.0.3', port: 40411 }], 2, OWN), 'per-flow')
  })

  it('one server: the public port against the socket\'s own; no answer: unknown; its own address: no NAT', () => {
    assert.equal(judge(5000, [{ address: '11.0.0.3', port: 5000 }], 1, OWN), 'port-preserving')
    assert.equal(judge(5000, [{ address: '11.0.0.3', port: 61234 }], 1, OWN), 'per-flow')
    assert.equal(judge(5000, [], 2, OWN), 'unknown')
    assert.equal(judge(5000, [{ address: '192.168.10.10', port: 5000 }], 1, OWN), 'none')
  })

  it('finds the STUN servers among ICE URLs', () => {
    assert.deepEqual(stunTargets(['stun:11.0.0.1:3478', 'stun:stun.example.org', 'stun:[2001:db8::1]:3479', 'turn:relay.example.org:3478', 'stuns:x.example.org:5349']), [
      { host: '11.0.0.1', port: 3478 }, { host: 'stun.example.org', port: 3478 }, { host: '2001:db8::1', port: 3479 }
    ])
  })

  it('asks real STUN servers and reads their answers', async () => {
    for (let i = 0; i < 2; i++) {
      const s = new StunServer({}, { host: '127.0.0.1', port: 0 })
      await s.start()
      servers.push(s)
    }
    const targets = servers.map(s => ({ host: '127.0.0.1', port: s.address()!.port }))
    assert.equal(await probeNat(targets, { timeoutMs: 5_000 }), 'none', 'on loopback there is no NAT')
    assert.ok(servers.every(s => s.stats().answered >= 1), 'both servers were asked')
    assert.equal(await probeNat([{ host: '127.0.0.1', port: 9 }], { timeoutMs: 1_500 }), 'unknown', 'nobody answered')
  })
})
