/**
 * Two laptops behind two port-preserving home routers meet through a relay
 * on the public segment and hole-punch a direct WebRTC connection, using the
 * STUN server beside the relay. The data then moves on the direct path: the
 * routers' connection tracking shows the UDP flow between the two routers'
 * public addresses, and the relay host's wire carries almost nothing.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { cleanupAll, MiB } from '../support/index.js'
import { createNatLab, natLabUnavailable } from '../support/nat-lab.js'
import { readConntrack, startByteCount } from '../support/nat-lab-probes.js'
import { startHome, startRelay } from './lab-roles.js'

after(cleanupAll)

test('peers behind port-preserving NATs upgrade from a relay to a direct WebRTC path and move 64 MiB on it', { timeout: 120_000 }, async (t) => {
  const why = await natLabUnavailable(['conntrack'])
  if (why != null) {
    t.skip(why)
    return
  }
  const lab = await createNatLab({ publicHosts: ['relay'], routers: [{ name: 'home-a' }, { name: 'home-b' }] })
  const relay = await startRelay(lab, { limited: true })
  const a = await startHome(lab, 'home-a', relay)
  const b = await startHome(lab, 'home-b', relay)
  t.diagnostic(`reservation + /webrtc address: A ${a.reservedMs} ms, B ${b.reservedMs} ms after start`)

  const relayBytes = await startByteCount(relay.host.netns, relay.host.ifname)
  const conn = await b.node.dial(a.webrtcAddr, 30_000)
  t.diagnostic(`B dialed A's /webrtc address: direct WebRTC connection in ${conn.ms} ms (${conn.remoteAddr})`)
  assert.equal(conn.limits, null, 'the connection has no relay limits: it is direct')
  assert.equal(conn.direct, true, 'libp2p marks it direct')
  assert.ok(conn.remoteAddr.includes('/webrtc'), 'its address says WebRTC (and still names the relay that carried the signalling)')
  assert.equal(conn.path, 'holepunched')
  const stun = await relay.node.request<{ answered: number }>('stunStats')
  assert.ok(stun.answered > 0, 'the peers asked the lab STUN server for their public addresses')

  const push = await b.node.push(a.node.peerId, 64 * MiB, { via: 'holepunched' })
  assert.ok(push.ok, `64 MiB crossed the direct connection: ${push.error}`)
  t.diagnostic(`64 MiB holepunched: ${push.ms} ms = ${push.mibPerSec?.toFixed(1)} MiB/s`)
  const received = await a.node.waitForEvent('the push to land', e => e.event === 'push:received')
  assert.equal(received.received, 64 * MiB)
  assert.equal((received.connection as { path: string }).path, 'holepunched', 'A received it on the holepunched connection')

  // The routers saw a UDP flow from one router's public address to the other's.
  const routerA = lab.router('home-a')
  const routerB = lab.router('home-b')
  const flows = (await readConntrack(routerA.netns)).filter(f => f.protocol === 'udp' && f.original.src === a.host.ip && f.original.dst === routerB.wanIp)
  assert.ok(flows.some(f => f.replied), `router A tracks a replied UDP flow from A to router B: ${JSON.stringify(flows)}`)

  const crossed = await relayBytes()
  t.diagnostic(`bytes that crossed the relay host during the dial and the 64 MiB: ${crossed}`)
  assert.ok(crossed < 1 * MiB, `the relay carried under 1 MiB: ${crossed}`)
})
