/**
 * Issue 10, test 5: two laptops behind port-preserving routers meet through
 * a relay and upgrade to a hole-punched connection; the relay node is then
 * killed in the middle of the transfer. The transfer does not notice: it
 * finishes on the direct path, with the bytes the sharer shared.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { cleanupAll, MiB, uniqueNetwork, waitFor } from '../support/index.js'
import { startLabDaemon, startLabRelay } from '../support/lab-daemon.js'
import { createNatLab, natLabUnavailable } from '../support/nat-lab.js'
import { assertSameBytes, pathsOfData, shareRandom, waitForDownload, waitForReach } from './engine-lab.js'

after(cleanupAll)

test('killing the relay after the upgrade leaves the transfer to finish on the direct path', { timeout: 300_000 }, async (t) => {
  const why = await natLabUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  const network = uniqueNetwork()
  const lab = await createNatLab({ publicHosts: ['relay'], routers: [{ name: 'home-a' }, { name: 'home-b' }] })
  const relay = await startLabRelay(lab.host('relay'), { network })
  const args = ['--bootstrap', relay.addr, '--no-upnp']
  const [sharer, downloader] = await Promise.all([
    startLabDaemon('sharer', lab.router('home-a').hosts[0], { network, args }),
    // Slowed down, so the relay goes away while the data is still moving.
    startLabDaemon('downloader', lab.router('home-b').hosts[0], { network, args: [...args, '--download-limit', '2M'] })
  ])
  await waitForReach(sharer, ['relayed'])
  const { share, sha256 } = await shareRandom(sharer, 32 * MiB, { relayed: true })
  await downloader.call('download', { link: share.link })
  const moving = await waitFor(async () => {
    const tr = (await downloader.call('transfers', {})).find(x => x.root === share.root)
    return tr != null && tr.bytesDone >= 2 * MiB && tr.peers.some(p => p.path === 'holepunched') ? tr : undefined
  }, { what: 'data to move on a hole-punched connection', timeoutMs: 90_000, intervalMs: 250 })
  t.diagnostic(`killing the relay with ${(moving.bytesDone / MiB).toFixed(1)} of 32 MiB done`)
  await relay.process.stop('SIGKILL')

  const done = await waitForDownload(downloader, share.root, 180_000)
  await assertSameBytes(done, sha256)
  assert.deepEqual([...pathsOfData(downloader, share.root)], ['holepunched'], 'before and after the relay went away, the data moved on the direct path')
  const after = await downloader.call('status', {})
  assert.ok(!after.reach.relays.some(r => r.peerId === relay.peerId), 'the downloader no longer counts on the dead relay')
})
