/**
 * A laptop behind a home router with UPnP on: @libp2p/upnp-nat asks the
 * router (miniupnpd) for a port forward, AutoNAT has a public peer dial the
 * mapped address back, and only then does the node show that address. A
 * peer on the public segment then dials it directly: no relay, no hole
 * punch, and the router's connection tracking shows the forwarded flow.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { cleanupAll, MiB, waitFor } from '../support/index.js'
import { createNatLab, natLabUnavailable } from '../support/nat-lab.js'
import { readConntrack } from '../support/nat-lab-probes.js'
import { startReachNode } from '../support/reach-lab-node.js'
import { startMiniupnpd } from '../support/upnp-router.js'
import { startRelay } from './lab-roles.js'

after(cleanupAll)

const HOME_PORT = 4101
const AUTONAT = process.env.PEERSHARE_LAB_AUTONAT === 'v1' ? 'v1' : 'v2'

test('a node behind a UPnP router maps a port, AutoNAT confirms it, and a public peer dials it directly', { timeout: 120_000 }, async (t) => {
  const why = await natLabUnavailable(['miniupnpd', 'nft', 'conntrack'])
  if (why != null) {
    t.skip(why)
    return
  }
  const lab = await createNatLab({ publicHosts: ['relay', 'outside'], routers: [{ name: 'home' }] })
  const router = lab.router('home')
  const upnp = await startMiniupnpd(router)
  // The relay doubles as the AutoNAT server that dials the mapped address back.
  const relay = await startRelay(lab, { limited: true, autonat: AUTONAT })
  const host = router.hosts[0]
  const started = Date.now()
  const home = await startReachNode('home', host.netns, { listen: [`/ip4/0.0.0.0/tcp/${HOME_PORT}`], upnp: true, autonat: AUTONAT })
  const mapped = `/ip4/${router.wanIp}/tcp/${HOME_PORT}`
  const forward = new RegExp(`dnat .*${host.ip.replaceAll('.', '\\.')}:${HOME_PORT}`)
  await waitFor(async () => forward.test(await upnp.forwards()), { what: 'miniupnpd to forward the port to the laptop', timeoutMs: 30_000, diagnose: () => upnp.logTail() })
  t.diagnostic(`UPnP port forward in place ${Date.now() - started} ms after the node was started`)
  assert.ok(!(await home.addrs()).some(a => a.startsWith(mapped)), 'the mapped address is not shown before AutoNAT confirms it')

  // AutoNAT asks a peer to dial back when a connection to it opens: connect after the mapping exists.
  const asked = Date.now()
  await home.dial(relay.addr)
  const confirmed = await home.waitForEvent('the UPnP-mapped address to be confirmed and shown', e =>
    e.event === 'addrs' && (e.addrs as string[]).some(a => a.startsWith(`${mapped}/`)), 45_000)
  t.diagnostic(`AutoNAT (${AUTONAT}) confirmed the mapped address ${Date.now() - asked} ms after connecting to the AutoNAT server (${confirmed.at} ms after the node started)`)

  const outside = await startReachNode('outside', lab.host('outside').netns, { listen: ['/ip4/0.0.0.0/tcp/0'] })
  const conn = await outside.dial(`${mapped}/p2p/${home.peerId}`)
  assert.equal(conn.path, 'direct')
  assert.equal(conn.limits, null)
  const push = await outside.push(home.peerId, 16 * MiB, { via: conn.id })
  assert.ok(push.ok, `16 MiB over the mapped port: ${push.error}`)
  t.diagnostic(`16 MiB direct through the UPnP forward: ${push.mibPerSec?.toFixed(1)} MiB/s`)

  const forwarded = (await readConntrack(router.netns)).filter(f => f.protocol === 'tcp' && f.original.src === lab.host('outside').ip &&
    f.original.dst === router.wanIp && f.original.dport === HOME_PORT && f.reply.src === host.ip)
  assert.ok(forwarded.length > 0, 'the router forwarded the outside peer\'s connection to the laptop')
})
