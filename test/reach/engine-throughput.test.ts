/**
 * How fast a PeerShare download is over each path, in one lab: `lan` (two
 * laptops behind one router), `direct` (a laptop downloading from a
 * daemon on a public address), `holepunched` (two laptops behind
 * port-preserving routers), `relayed` (a laptop behind a per-flow NAT,
 * through a relay that carries data). Each download fetches its own share,
 * so no other downloader can serve it, and the test checks that every chunk
 * came over the path it measures. The suite moves 32 MiB per path; set
 * PEERSHARE_REACH_BYTES (e.g. 268435456 for 256 MiB) for the figures
 * docs/reach.md quotes, next to test/reach/path-throughput.test.ts's bare
 * streams over the same paths.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { cleanupAll, MiB, uniqueNetwork } from '../support/index.js'
import { startLabDaemon, startLabRelay, type LabDaemon } from '../support/lab-daemon.js'
import { createNatLab, natLabUnavailable } from '../support/nat-lab.js'
import { assertSameBytes, pathsOfData, shareRandom, waitForDownload, waitForReach } from './engine-lab.js'
import type { ConnectionPath, TransferView } from '../../shared/index.js'

after(cleanupAll)

const BYTES = Number(process.env.PEERSHARE_REACH_BYTES ?? 32 * MiB)

test(`a PeerShare download of ${BYTES / MiB} MiB over each path: lan, direct, holepunched, relayed`, { timeout: 900_000 }, async (t) => {
  const why = await natLabUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  const network = uniqueNetwork()
  const lab = await createNatLab({
    publicHosts: ['relay', 'server'],
    routers: [{ name: 'home-a', hosts: 2 }, { name: 'home-b' }, { name: 'home-c', nat: 'per-flow' }]
  })
  const relay = await startLabRelay(lab.host('relay'), { network, dataLimit: 'none' })
  const args = ['--bootstrap', relay.addr, '--no-upnp']
  const server = lab.host('server')
  const [sharer, neighbour, laptop, perFlow, publicNode] = await Promise.all([
    startLabDaemon('sharer', lab.router('home-a').hosts[0], { network, args }),
    startLabDaemon('neighbour', lab.router('home-a').hosts[1], { network, args }),
    startLabDaemon('laptop', lab.router('home-b').hosts[0], { network, args }),
    startLabDaemon('per-flow', lab.router('home-c').hosts[0], { network, args }),
    startLabDaemon('server', server, { network, port: 4001, args: [...args, '--announce', `/ip4/${server.ip}/tcp/4001`] })
  ])
  await waitForReach(sharer, ['relayed'])
  const results: Partial<Record<ConnectionPath, number>> = {}
  const measure = async (path: ConnectionPath, from: LabDaemon, to: LabDaemon): Promise<void> => {
    const { share, sha256 } = await shareRandom(from, BYTES, { relayed: path !== 'direct' })
    const started = Date.now()
    await to.call('download', { link: share.link })
    const done = await waitForDownload(to, share.root, 600_000)
    const ms = Date.now() - started
    await assertSameBytes(done, sha256)
    assert.deepEqual([...pathsOfData(to, share.root)], [path], `${to.name} got every chunk over ${path}`)
    results[path] = BYTES / MiB / (ms / 1000)
    // The data phase alone: from the first verified chunk to the last, as the downloader's events tell it.
    const moving = to.events.filter(e => e.event === 'transfer' && (e.detail as { transfer: TransferView }).transfer.root === share.root && (e.detail as { transfer: TransferView }).transfer.bytesDone > 0)
    const dataMs = (moving.at(-1)?.at ?? 0) - (moving[0]?.at ?? 0)
    t.diagnostic(`${path}: ${BYTES / MiB} MiB from the link to the file in place in ${ms} ms = ${results[path]!.toFixed(1)} MiB/s; ` +
      `first to last chunk ${dataMs} ms = ${(BYTES / MiB / (dataMs / 1000)).toFixed(1)} MiB/s`)
  }
  await measure('lan', sharer, neighbour)
  await measure('direct', publicNode, laptop)
  await measure('holepunched', sharer, laptop)
  await measure('relayed', sharer, perFlow)
  t.diagnostic(`MiB/s by path: ${JSON.stringify(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Number(v.toFixed(1))])))}`)
})
