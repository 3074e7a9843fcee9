/**
 * Issue 10, test 4: two laptops behind the same home router find each
 * other by mDNS and connect over the LAN; with no public peer around, each
 * says it is reachable on the local network and its DHT keeps answering
 * queries (a LAN-only network needs its nodes as DHT servers).
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { cleanupAll, MiB, uniqueNetwork, waitFor } from '../support/index.js'
import { startLabDaemon } from '../support/lab-daemon.js'
import { createNatLab, natLabUnavailable } from '../support/nat-lab.js'
import { assertSameBytes, pathsOfData, shareRandom, waitForDownload } from './engine-lab.js'

after(cleanupAll)

test('two laptops behind one router find each other by mDNS and connect over the LAN', { timeout: 240_000 }, async (t) => {
  const why = await natLabUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  const network = uniqueNetwork()
  const lab = await createNatLab({ publicHosts: [], routers: [{ name: 'home', hosts: 2 }] })
  const [a, b] = lab.router('home').hosts
  const [sharer, downloader] = await Promise.all([
    startLabDaemon('sharer', a, { network, args: ['--no-upnp'] }),
    startLabDaemon('downloader', b, { network, args: ['--no-upnp'] })
  ])
  const lan = await waitFor(async () => (await downloader.call('peers', {})).find(p => p.peerId === sharer.peerId), { what: 'mDNS to bring the two together', timeoutMs: 60_000, intervalMs: 500 })
  t.diagnostic(`connected: ${lan.path} over ${lan.transport} at ${lan.addr}`)
  assert.equal(lan.path, 'lan')
  assert.equal(lan.transport, 'tcp')

  const health = await sharer.call('status', {})
  assert.equal(health.reachability, 'lan', 'no public peer: reachable on the local network')
  assert.equal(health.dht.mode, 'server', 'on a LAN-only network the DHT keeps answering')

  // By bare root: the only way to the sharer is the connection mDNS made.
  const { share, sha256 } = await shareRandom(sharer, 16 * MiB)
  await downloader.call('download', { link: share.root })
  const done = await waitForDownload(downloader, share.root, 120_000)
  await assertSameBytes(done, sha256)
  assert.deepEqual([...pathsOfData(downloader, share.root)], ['lan'])
})
