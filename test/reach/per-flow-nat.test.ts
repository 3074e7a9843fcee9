/**
 * A laptop behind a router that gives every flow a new public port
 * (MASQUERADE --random-fully) cannot be hole-punched: the WebRTC upgrade
 * fails, and only a relay can carry the data. Through a relay with the
 * default limits (128 KiB / 2 min per relayed connection) a bulk stream is
 * cut off at the limit, and the test records what the sender sees then;
 * through a relay that lifted its limits the same 64 MiB arrive.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { cleanupAll, MiB } from '../support/index.js'
import { createNatLab, natLabUnavailable } from '../support/nat-lab.js'
import { startHome, startRelay } from './lab-roles.js'

after(cleanupAll)

test('behind a per-flow NAT there is no direct path, and a relay carries data only when it lifts its limits', { timeout: 150_000 }, async (t) => {
  const why = await natLabUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  // Two laptops behind the per-flow router: one reserves on the limited relay, one on the free relay.
  const lab = await createNatLab({ publicHosts: ['relay', 'relay-free'], routers: [{ name: 'home-a', nat: 'per-flow', hosts: 2 }, { name: 'home-b' }] })
  const limited = await startRelay(lab, { limited: true })
  const free = await startRelay(lab, { limited: false, hostName: 'relay-free' })
  const a = await startHome(lab, 'home-a', limited)
  const a2 = await startHome(lab, 'home-a', free, {}, 1)
  const b = await startHome(lab, 'home-b', limited)

  // 1. The WebRTC upgrade cannot punch through a per-flow NAT.
  const started = Date.now()
  await assert.rejects(b.node.dial(a.webrtcAddr, 60_000), (err: Error) => {
    t.diagnostic(`WebRTC dial through the per-flow NAT failed after ${Date.now() - started} ms: ${err.message.split('\n')[0]}`)
    return true
  })
  assert.ok(!(await b.node.connections()).some(c => c.remotePeer === a.node.peerId && c.path === 'holepunched'), 'no holepunched connection exists')

  // 2. A relay with default limits: the connection says so, and a bulk stream is cut at the limit.
  const relayed = await b.node.dial(a.circuitAddr)
  assert.equal(relayed.path, 'relayed')
  assert.equal(relayed.direct, false)
  // `limits` counts down what is left: bytes (identify has already used some) and seconds.
  t.diagnostic(`limits on the relayed connection just after the dial: ${JSON.stringify(relayed.limits)}`)
  assert.ok(relayed.limits?.bytes != null && relayed.limits.bytes > 100_000 && relayed.limits.bytes <= 131072, 'the default 128 KiB data limit is visible on the connection')
  assert.ok(relayed.limits.seconds != null && relayed.limits.seconds > 0, 'so is a duration limit')
  const cut = await b.node.push(a.node.peerId, 64 * MiB, { via: relayed.id })
  assert.equal(cut.ok, false, 'the limited relay does not carry 64 MiB')
  const cutAtA = await a.node.waitForEvent('the cut push to end at A', e => e.event === 'push:received' && (e.error != null || (e.received as number) < 64 * MiB))
  const closed = await b.node.waitForEvent('the relayed connection to close', e => e.event === 'connection:close' && (e.connection as { id: string }).id === relayed.id)
  t.diagnostic(`limited relay: the sender saw "${cut.error}" (stream ${cut.streamStatus}, connection ${cut.connection.status}) after ${cut.ms} ms; ` +
    `A received ${String(cutAtA.received)} bytes and saw "${String(cutAtA.error)}"; B's relayed connection closed at ${closed.at} ms`)
  assert.ok((cutAtA.received as number) <= 131072, `no more than the 128 KiB limit arrived: ${String(cutAtA.received)}`)
  assert.ok(cut.ms < 60_000, 'the limit is hit within a minute, not at the 2-minute deadline')

  // 3. A relay that lifted its limits carries the whole 64 MiB.
  const unlimited = await b.node.dial(a2.circuitAddr)
  assert.equal(unlimited.path, 'relayed', `${unlimited.remoteAddr} goes through the free relay`)
  assert.equal(unlimited.limits, null, 'a relay that lifted its limits gives a connection with no limits')
  assert.equal(unlimited.direct, false, 'libp2p still marks it as not direct')
  const full = await b.node.push(a2.node.peerId, 64 * MiB, { via: unlimited.id })
  assert.ok(full.ok, `64 MiB crossed the free relay: ${full.error}`)
  t.diagnostic(`64 MiB relayed (limits lifted): ${full.ms} ms = ${full.mibPerSec?.toFixed(1)} MiB/s`)
})
