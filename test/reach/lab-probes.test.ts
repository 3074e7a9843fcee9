/**
 * The lab's readings mean what the reach tests take them to mean: a router's
 * conntrack lines (both the conntrack tool's and the kernel's /proc format)
 * become flows with the public port the router chose. (A connection's path
 * is the engine's own rule: test/core/node/connection-path.test.ts.)
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseConntrack, publicPort } from '../support/nat-lab-probes.js'

describe('lab probes', () => {
  it('reads conntrack -L and /proc/net/nf_conntrack lines alike', () => {
    const tool = [
      'udp      17 117 src=192.168.10.10 dst=11.0.0.4 sport=40123 dport=51000 src=11.0.0.4 dst=11.0.0.3 sport=51000 dport=40123 [ASSURED] mark=0 use=1',
      'tcp      6 431999 ESTABLISHED src=192.168.10.10 dst=11.0.0.1 sport=37336 dport=4001 src=11.0.0.1 dst=11.0.0.3 sport=4001 dport=37336 [ASSURED] mark=0 use=1',
      'conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.'
    ].join('\n')
    const proc = 'ipv4     2 udp      17 29 src=10.11.0.10 dst=11.0.0.1 sport=5000 dport=3478 [UNREPLIED] src=11.0.0.1 dst=11.0.0.4 sport=3478 dport=61234 mark=0 zone=0 use=2\n'
    const [udp, tcp] = parseConntrack(tool)
    assert.equal(parseConntrack(tool).length, 2, 'the summary line is not a flow')
    assert.deepEqual(udp.original, { src: '192.168.10.10', dst: '11.0.0.4', sport: 40123, dport: 51000 })
    assert.equal(udp.replied, true)
    assert.equal(udp.state, undefined)
    assert.equal(tcp.state, 'ESTABLISHED')
    const [unreplied] = parseConntrack(proc)
    assert.equal(unreplied.protocol, 'udp')
    assert.equal(unreplied.replied, false)
    assert.equal(publicPort(unreplied), 61234, 'a per-flow router picked a new public port')
  })
})
