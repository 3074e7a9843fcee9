/**
 * The speed of a bare libp2p stream (no PeerShare protocol on top) over each
 * path a PeerShare connection can take, in one lab: `lan` (two laptops
 * behind the same router), `direct` (a laptop dialing a server's public
 * address through its NAT), `relayed` (through a relay that lifted its
 * limits) and `holepunched` (WebRTC between two NATed laptops). Each push
 * is timed from the stream's opening to the receiver's count of the last
 * byte, after a 4 MiB warm-up on the same connection, with at most 8 MiB
 * in flight (the receiver acknowledges as it reads). The suite pushes 64 MiB per path; set PEERSHARE_REACH_BYTES (e.g.
 * 268435456 for 256 MiB) for the figures docs/reach.md quotes.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { cleanupAll, MiB } from '../support/index.js'
import { createNatLab, natLabUnavailable } from '../support/nat-lab.js'
import { startReachNode } from '../support/reach-lab-node.js'
import { startHome, startRelay } from './lab-roles.js'
import type { ReachNode } from '../support/reach-lab-node.js'

after(cleanupAll)

const BYTES = Number(process.env.PEERSHARE_REACH_BYTES ?? 64 * MiB)
/** Bytes in flight per push; PEERSHARE_LAB_PUSH_WINDOW=0 sends without waiting for acknowledgements (see docs/reach.md). */
const WINDOW = process.env.PEERSHARE_LAB_PUSH_WINDOW == null ? undefined : Number(process.env.PEERSHARE_LAB_PUSH_WINDOW)

test(`a bare stream moves ${BYTES / MiB} MiB over each path: lan, direct, relayed, holepunched`, { timeout: 280_000 }, async (t) => {
  const why = await natLabUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  const lab = await createNatLab({ publicHosts: ['relay', 'server'], routers: [{ name: 'home-a', hosts: 2 }, { name: 'home-b' }] })
  const relay = await startRelay(lab, { limited: false })
  const a = await startHome(lab, 'home-a', relay)
  const b = await startHome(lab, 'home-b', relay)
  const neighbour = await startReachNode('home-a-h2', lab.router('home-a').hosts[1].netns, { listen: ['/ip4/0.0.0.0/tcp/0'] })
  const serverHost = lab.host('server')
  const server = await startReachNode('server', serverHost.netns, { listen: ['/ip4/0.0.0.0/tcp/4001'], appendAnnounce: [`/ip4/${serverHost.ip}/tcp/4001`] })

  const aLan = (await a.node.addrs()).find(x => x.startsWith(`/ip4/${a.host.ip}/tcp/`))
  assert.ok(aLan != null, 'A shows its LAN address')
  const results: Record<string, number> = {}
  const measure = async (path: string, from: ReachNode, to: ReachNode, addr: string): Promise<void> => {
    const conn = await from.dial(addr)
    assert.equal(conn.path, path, `${from.name} reaches ${to.name} over ${path}: ${conn.remoteAddr}`)
    // A short push first, so the measured one does not pay for JIT warm-up or congestion windows opening.
    assert.ok((await from.push(to.peerId, 4 * MiB, { via: conn.id })).ok, `warm-up over ${path}`)
    const push = await from.push(to.peerId, BYTES, { via: conn.id, timeoutMs: 240_000, window: WINDOW })
    assert.ok(push.ok, `${BYTES / MiB} MiB over ${path}: ${push.error}`)
    results[path] = push.mibPerSec!
    t.diagnostic(`${path}: ${BYTES / MiB} MiB in ${push.ms} ms = ${push.mibPerSec!.toFixed(1)} MiB/s (${conn.remoteAddr})`)
  }
  await measure('lan', neighbour, a.node, aLan)
  await measure('direct', b.node, server, `/ip4/${serverHost.ip}/tcp/4001/p2p/${server.peerId}`)
  // Relayed before holepunched: a dial is answered by an existing direct connection when there is one.
  await measure('relayed', b.node, a.node, a.circuitAddr)
  await measure('holepunched', b.node, a.node, a.webrtcAddr)
  t.diagnostic(`MiB/s by path: ${JSON.stringify(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Number(v.toFixed(1))])))}`)
})
