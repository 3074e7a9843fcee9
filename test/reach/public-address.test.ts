/**
 * A node on a public address (a server, a relay) and what it shows: libp2p
 * 3 hides a public listen address until something confirms it is dialable.
 * AutoNAT (v2, which dials back on a new connection) confirms it once the
 * node connects to a peer that runs the AutoNAT server; an address given in
 * `addresses.appendAnnounce` is shown at once.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { cleanupAll } from '../support/index.js'
import { createNatLab, natLabUnavailable } from '../support/nat-lab.js'
import { startReachNode } from '../support/reach-lab-node.js'
import { startRelay } from './lab-roles.js'

after(cleanupAll)

test('a public address is shown only once AutoNAT confirms it, or at once when announced', { timeout: 90_000 }, async (t) => {
  const why = await natLabUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  const lab = await createNatLab({ publicHosts: ['relay', 'server', 'announced'], routers: [] })
  const relay = await startRelay(lab, { limited: true })
  const server = lab.host('server')
  const announced = lab.host('announced')
  const serverAddr = `/ip4/${server.ip}/tcp/4001`
  const announcedAddr = `/ip4/${announced.ip}/tcp/4001`

  const quiet = await startReachNode('server', server.netns, { listen: ['/ip4/0.0.0.0/tcp/4001'], autonat: 'v2' })
  const loud = await startReachNode('announced', announced.netns, { listen: ['/ip4/0.0.0.0/tcp/4001'], appendAnnounce: [announcedAddr], autonat: 'v2' })
  const ready = (node: typeof quiet): string[] => node.events.find(e => e.event === 'ready')!.addrs as string[]
  t.diagnostic(`at start: the server shows ${JSON.stringify(ready(quiet))}; the announcing server shows ${JSON.stringify(ready(loud))}`)
  assert.ok(!ready(quiet).some(a => a.startsWith(`${serverAddr}/`)), 'the public listen address is hidden at start')
  assert.ok(ready(loud).some(a => a.startsWith(`${announcedAddr}/`)), 'an appendAnnounce address is shown at once')

  const asked = Date.now()
  await quiet.dial(relay.addr)
  await quiet.waitForEvent('AutoNAT to confirm the public address', e => e.event === 'addrs' && (e.addrs as string[]).some(a => a.startsWith(`${serverAddr}/`)), 30_000)
  t.diagnostic(`AutoNAT v2 confirmed ${serverAddr} ${Date.now() - asked} ms after the server connected to an AutoNAT server`)
})
