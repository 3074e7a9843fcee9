/**
 * Issue 10, test 1: two laptops behind port-preserving home routers, and a
 * `peershare relay` on the public segment as their relay, bootstrap and
 * STUN server. The sharer shares 64 MiB; one downloader gets it by link,
 * another by bare root through the relay node's DHT. The bytes are the
 * shared bytes, the data moved on hole-punched (WebRTC) connections, and the
 * relay host's wire carried less than 1 MiB for all of it.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { cleanupAll, MiB, uniqueNetwork, waitFor } from '../support/index.js'
import { reachabilityText } from '../../shared/index.js'
import { startLabDaemon, startLabRelay } from '../support/lab-daemon.js'
import { createNatLab, natLabUnavailable } from '../support/nat-lab.js'
import { startByteCount } from '../support/nat-lab-probes.js'
import { assertSameBytes, pathsOfData, shareRandom, waitForDownload, waitForReach } from './engine-lab.js'

after(cleanupAll)

const BYTES = Number(process.env.PEERSHARE_REACH_BYTES ?? 64 * MiB)

test('behind two port-preserving NATs, a share moves by link and by bare root over hole-punched paths, and the relay carries under 1 MiB', { timeout: 300_000 }, async (t) => {
  const why = await natLabUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  const network = uniqueNetwork()
  const lab = await createNatLab({ publicHosts: ['relay'], routers: [{ name: 'home-a' }, { name: 'home-b' }, { name: 'home-c' }] })
  const relay = await startLabRelay(lab.host('relay'), { network })
  // --bootstrap of a relay node makes it the laptops' relay too; its STUN server is their default.
  const args = ['--bootstrap', relay.addr, '--no-upnp']
  const [sharer, byLink, byRoot] = await Promise.all([
    startLabDaemon('sharer', lab.router('home-a').hosts[0], { network, args }),
    startLabDaemon('by-link', lab.router('home-b').hosts[0], { network, args }),
    startLabDaemon('by-root', lab.router('home-c').hosts[0], { network, args })
  ])
  const reach = await waitFor(async () => {
    const h = await waitForReach(sharer, ['relayed'])
    return h.reach.nat === 'port-preserving' ? h : undefined
  }, { what: 'the sharer to hold a reservation and know its NAT keeps ports', timeoutMs: 60_000, intervalMs: 500 })
  t.diagnostic(`the sharer says: ${reachabilityText(reach.reach)} (${reach.reach.relays.map(r => r.addr).join(', ')}; DHT ${reach.dht.mode})`)
  assert.equal(reach.reach.relays[0]?.peerId, relay.peerId, 'the sharer holds a reservation on the relay node')
  assert.equal(reach.dht.mode, 'client', 'behind a NAT the DHT only asks')

  const { share, sha256 } = await shareRandom(sharer, BYTES, { relayed: true })
  const relayBytes = await startByteCount(relay.host.netns, relay.host.ifname)

  const started = Date.now()
  await byLink.call('download', { link: share.link })
  const linkDone = await waitForDownload(byLink, share.root, 240_000)
  t.diagnostic(`by link: ${BYTES / MiB} MiB in ${Date.now() - started} ms = ${(BYTES / MiB / ((Date.now() - started) / 1000)).toFixed(1)} MiB/s`)
  await assertSameBytes(linkDone, sha256)
  assert.deepEqual([...pathsOfData(byLink, share.root)], ['holepunched'], 'every chunk arrived over a hole-punched connection')

  // By bare root: only the relay node's DHT knows who has it.
  await waitForReach(byRoot, ['relayed'])
  const rootStarted = Date.now()
  await byRoot.call('download', { link: share.root })
  const rootDone = await waitForDownload(byRoot, share.root, 240_000)
  t.diagnostic(`by bare root: ${BYTES / MiB} MiB in ${Date.now() - rootStarted} ms from ${rootDone.peers.map(p => `${p.peerId.slice(-6)} (${p.foundVia}, ${p.path})`).join(', ')}`)
  // Read as soon as both downloads are done, so the figure is printed whatever the checks below find.
  const crossed = await relayBytes()
  t.diagnostic(`bytes that crossed the relay host for both downloads of ${BYTES / MiB} MiB: ${crossed}`)
  await assertSameBytes(rootDone, sha256)
  assert.deepEqual([...pathsOfData(byRoot, share.root)], ['holepunched'], 'every chunk arrived over a hole-punched connection')
  // The bare root carries no address: the sharer is found by a DHT search, or among the peers the DHT
  // already connected this node to (candidates are tried link, connected, then DHT); never from a link.
  assert.ok(rootDone.peers.length > 0 && rootDone.peers.every(p => p.foundVia === 'dht' || p.foundVia === 'connected'), 'the sharer was found through the DHT, not a link')

  const peers = await byLink.call('peers', {})
  const toSharer = peers.filter(p => p.peerId === sharer.peerId)
  t.diagnostic(`by-link's connections to the sharer: ${JSON.stringify(toSharer.map(p => ({ path: p.path, transport: p.transport })))}`)
  assert.ok(toSharer.some(p => p.path === 'holepunched' && p.transport === 'webrtc'), 'the Peers view shows the hole-punched WebRTC connection')
  assert.ok(!toSharer.some(p => p.path === 'relayed'), 'the relayed connection was closed once the direct one existed')

  assert.ok(crossed < 1 * MiB, `the relay carried under 1 MiB: ${crossed}`)
})
