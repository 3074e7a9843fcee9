/**
 * Issue 10, test 2: the sharer sits behind a router that gives every flow a
 * new public port (MASQUERADE --random-fully), so no hole punch can work.
 * Through a relay that carries data, the download completes over the relay;
 * through a relay limited to 128 KiB / 2 minutes per connection, it stops
 * within a minute and says in words that no direct path could be made and
 * the relay is limited.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { cleanupAll, MiB, uniqueNetwork } from '../support/index.js'
import { startLabDaemon, startLabRelay, type LabRelay } from '../support/lab-daemon.js'
import { createNatLab, natLabUnavailable, type NatLab } from '../support/nat-lab.js'
import { assertSameBytes, pathsOfData, shareRandom, waitForDownload, waitForFailure, waitForReach } from './engine-lab.js'
import { reachabilityText } from '../../shared/index.js'
import type { LabDaemon } from '../support/lab-daemon.js'

after(cleanupAll)

/** A per-flow NAT in front of the sharer, a port-preserving one in front of the downloader, and a relay: `dataLimit` its --data-limit. */
async function perFlowLab (dataLimit?: 'none'): Promise<{ lab: NatLab, relay: LabRelay, sharer: LabDaemon, downloader: LabDaemon }> {
  const network = uniqueNetwork()
  const lab = await createNatLab({ publicHosts: ['relay'], routers: [{ name: 'home-a', nat: 'per-flow' }, { name: 'home-b' }] })
  const relay = await startLabRelay(lab.host('relay'), { network, dataLimit })
  const args = ['--relay', relay.addr, '--bootstrap', relay.addr, '--stun', relay.stunUrl, '--no-upnp']
  const [sharer, downloader] = await Promise.all([
    startLabDaemon('sharer', lab.router('home-a').hosts[0], { network, args }),
    startLabDaemon('downloader', lab.router('home-b').hosts[0], { network, args })
  ])
  await waitForReach(sharer, ['relayed', 'relayed-only'])
  return { lab, relay, sharer, downloader }
}

test('behind a per-flow NAT, a relay that carries data carries the whole download', { timeout: 300_000 }, async (t) => {
  const why = await natLabUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  const { sharer, downloader } = await perFlowLab('none')
  // The STUN server saw the sharer's NAT give its socket a new port: the sharer says it can only be relayed.
  const reach = await waitForReach(sharer, ['relayed-only'])
  t.diagnostic(`the sharer says: ${reachabilityText(reach.reach)}`)
  assert.equal(reach.reach.nat, 'per-flow')
  assert.equal((await downloader.call('status', {})).reach.nat, 'port-preserving')
  const { share, sha256 } = await shareRandom(sharer, 64 * MiB, { relayed: true })
  const started = Date.now()
  await downloader.call('download', { link: share.link })
  const done = await waitForDownload(downloader, share.root, 240_000)
  t.diagnostic(`64 MiB relayed in ${Date.now() - started} ms = ${(64 / ((Date.now() - started) / 1000)).toFixed(1)} MiB/s`)
  await assertSameBytes(done, sha256)
  assert.deepEqual([...pathsOfData(downloader, share.root)], ['relayed'], 'every chunk came through the relay: no direct path exists')
  const row = done.peers.find(p => p.peerId === sharer.peerId)
  assert.ok(row?.relay != null, 'the transfer\'s row names the relay')
})

test('behind a per-flow NAT, a relay limited to 128 KiB / 2 min stops the download within a minute, saying why', { timeout: 240_000 }, async (t) => {
  const why = await natLabUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  const { relay, sharer, downloader } = await perFlowLab()
  const { share } = await shareRandom(sharer, 64 * MiB, { relayed: true })
  const started = Date.now()
  await downloader.call('download', { link: share.link })
  const failed = await waitForFailure(downloader, share.root, 90_000)
  const ms = Date.now() - started
  t.diagnostic(`stopped after ${ms} ms: ${failed.error?.code}: ${failed.error?.message}`)
  assert.ok(ms < 60_000, `the download stopped within a minute (${ms} ms)`)
  assert.equal(failed.error?.code, 'unreachable')
  assert.match(failed.error?.message ?? '', /no direct path could be made/)
  assert.match(failed.error?.message ?? '', /limits each connection to 128 KiB/)
  assert.ok(failed.error?.message.includes(relay.peerId.slice(0, 8)), 'it names the relay')
  assert.equal(failed.bytesDone, 0, 'nothing was written from a connection the relay cut')
})
