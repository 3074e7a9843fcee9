/**
 * Issue 10, test 3: the sharer's home router runs a UPnP daemon
 * (miniupnpd). The sharer asks it for a port forward, AutoNAT (the relay
 * node runs its server) confirms the mapped address, the sharer counts as
 * publicly reachable (its DHT answers queries), and a downloader behind
 * another router connects to it directly, with no relay involved.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { cleanupAll, MiB, uniqueNetwork, waitFor } from '../support/index.js'
import { startLabDaemon, startLabRelay } from '../support/lab-daemon.js'
import { createNatLab, natLabUnavailable } from '../support/nat-lab.js'
import { readConntrack } from '../support/nat-lab-probes.js'
import { startMiniupnpd } from '../support/upnp-router.js'
import { assertSameBytes, pathsOfData, shareRandom, waitForDownload, waitForReach } from './engine-lab.js'
import type { PeerView } from '../../shared/index.js'

after(cleanupAll)

const SHARER_PORT = 4101

test('behind a UPnP router, the sharer maps a port, is confirmed reachable, and a downloader connects directly', { timeout: 300_000 }, async (t) => {
  const why = await natLabUnavailable(['miniupnpd', 'nft', 'conntrack'])
  if (why != null) {
    t.skip(why)
    return
  }
  const network = uniqueNetwork()
  const lab = await createNatLab({ publicHosts: ['relay'], routers: [{ name: 'home-a' }, { name: 'home-b' }] })
  const router = lab.router('home-a')
  await startMiniupnpd(router)
  const relay = await startLabRelay(lab.host('relay'), { network })
  const started = Date.now()
  const sharer = await startLabDaemon('sharer', router.hosts[0], { network, port: SHARER_PORT, args: ['--bootstrap', relay.addr] })
  const mapped = `/ip4/${router.wanIp}/tcp/${SHARER_PORT}`
  const health = await waitForReach(sharer, ['public'], 90_000)
  t.diagnostic(`the sharer is reachable ${Date.now() - started} ms after it started: ${health.reach.publicAddrs.join(', ')} (UPnP ${health.reach.upnp})`)
  assert.ok(health.reach.publicAddrs.some(a => a.startsWith(`${mapped}/`)), `the router's mapped address is the one confirmed: ${health.reach.publicAddrs.join(', ')}`)
  assert.equal(health.reach.upnp, 'mapped')
  await waitFor(async () => (await sharer.call('dht', {})).mode === 'server', { what: 'the sharer\'s DHT to answer queries once it is publicly reachable', timeoutMs: 10_000 })

  const { share, sha256 } = await shareRandom(sharer, 16 * MiB)
  assert.ok(share.link.includes(encodeURIComponent(mapped)), `the link carries the mapped address: ${share.link}`)
  const downloader = await startLabDaemon('downloader', lab.router('home-b').hosts[0], { network, args: ['--bootstrap', relay.addr, '--no-upnp'] })
  await downloader.call('download', { link: share.link })
  const done = await waitForDownload(downloader, share.root, 120_000)
  await assertSameBytes(done, sha256)
  assert.deepEqual([...pathsOfData(downloader, share.root)], ['direct'], 'every chunk came over the direct connection to the mapped port')

  // Every connection the downloader had to the sharer: those it reported as they opened, and those open now.
  const seen = [
    ...downloader.events.filter(e => e.event === 'peer-connected').map(e => (e.detail as { peer: PeerView }).peer),
    ...await downloader.call('peers', {})
  ].filter(p => p.peerId === sharer.peerId)
  t.diagnostic(`the downloader's connections to the sharer: ${JSON.stringify(seen.map(p => `${p.path} ${p.addr}`))}`)
  assert.ok(seen.length > 0 && seen.every(p => p.path === 'direct'), 'no connection to the sharer went through a relay')
  const forwarded = await waitFor(async () => (await readConntrack(router.netns)).filter(f => f.protocol === 'tcp' &&
    f.original.dst === router.wanIp && f.original.dport === SHARER_PORT && f.reply.src === router.hosts[0].ip), { what: 'the router to track the forwarded connection', timeoutMs: 10_000 })
  assert.ok(forwarded.length > 0, 'the router forwarded the downloader\'s connection to the sharer')
})
