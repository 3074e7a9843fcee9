/**
 * Issue 10, item 6: the public network mode, exercised against lab nodes
 * that speak its protocols (nothing here contacts the real network). With
 * --network public a daemon speaks the IPFS DHT (/ipfs/kad/1.0.0), finds a
 * relay on the network by itself (none is configured: its bootstrap node
 * offers none, another node does), and never tells anyone its loopback or
 * LAN addresses; two such laptops behind NATs then share a file.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { cleanupAll, MiB, waitFor } from '../support/index.js'
import { startLabDaemon } from '../support/lab-daemon.js'
import { createNatLab, natLabUnavailable } from '../support/nat-lab.js'
import { startReachNode } from '../support/reach-lab-node.js'
import { assertSameBytes, pathsOfData, shareRandom, waitForDownload, waitForReach } from './engine-lab.js'

after(cleanupAll)

const PRIVATE = /\/ip4\/(127\.|10\.|192\.168\.)/

test('on the public network a laptop finds a relay by itself and publishes no loopback or LAN address', { timeout: 300_000 }, async (t) => {
  const why = await natLabUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  const network = 'public'
  const lab = await createNatLab({ publicHosts: ['boot', 'helper', 'stun'], routers: [{ name: 'home-a' }, { name: 'home-b' }] })
  const ip = (name: string): string => lab.host(name).ip
  // A public DHT node that offers no relay, and one that does (publicly reachable nodes offer one by default).
  const boot = await startLabDaemon('boot', lab.host('boot'), { network, port: 4001, args: ['--announce', `/ip4/${ip('boot')}/tcp/4001`, '--no-relay-service', '--no-upnp'] })
  const bootAddr = `/ip4/${ip('boot')}/tcp/4001/p2p/${boot.peerId}`
  const helper = await startLabDaemon('helper', lab.host('helper'), { network, port: 4001, args: ['--announce', `/ip4/${ip('helper')}/tcp/4001`, '--bootstrap', bootAddr, '--no-upnp'] })
  // The public network's STUN servers are out of reach here: a lab one stands in.
  await startReachNode('stun', lab.host('stun').netns, { listen: ['/ip4/0.0.0.0/tcp/0'], stun: { host: ip('stun'), port: 3478 } })
  const args = ['--bootstrap', bootAddr, '--stun', `stun:${ip('stun')}:3478`, '--no-upnp']
  const [sharer, downloader] = await Promise.all([
    startLabDaemon('sharer', lab.router('home-a').hosts[0], { network, args }),
    startLabDaemon('downloader', lab.router('home-b').hosts[0], { network, args })
  ])

  const health = await waitForReach(sharer, ['relayed'], 120_000)
  t.diagnostic(`the sharer found relay ${health.reach.relays.map(r => r.peerId).join(', ')} on the network (the helper is ${helper.peerId})`)
  assert.deepEqual(health.reach.relays.map(r => r.peerId), [helper.peerId], 'it reserved on the relay it found, the only one there is')
  assert.equal(health.dht.protocol, '/ipfs/kad/1.0.0')
  assert.equal(health.reach.publicNetwork, true)
  assert.ok(!health.listenAddrs.some(a => PRIVATE.test(a)), `it tells others no loopback or LAN address: ${health.listenAddrs.join(', ')}`)

  const { share, sha256 } = await shareRandom(sharer, 8 * MiB, { relayed: true })
  assert.ok(!PRIVATE.test(decodeURIComponent(share.link)), `the link carries no loopback or LAN address: ${share.link}`)
  // What the DHT's own node learned about the sharer is what the sharer published.
  const seenByBoot = await waitFor(async () => (await boot.call('peers', {})).find(p => p.peerId === sharer.peerId), { what: 'the bootstrap node to see the sharer', timeoutMs: 30_000 })
  assert.ok(!PRIVATE.test(seenByBoot.addr), `the bootstrap node reaches the sharer at its router's public address: ${seenByBoot.addr}`)

  await downloader.call('download', { link: share.link })
  const done = await waitForDownload(downloader, share.root, 120_000)
  await assertSameBytes(done, sha256)
  t.diagnostic(`downloaded over ${[...pathsOfData(downloader, share.root)].join(', ')}`)
  assert.deepEqual([...pathsOfData(downloader, share.root)], ['holepunched'])
})
