/**
 * Two machines on a LAN, made of network namespaces joined by a veth pair.
 * No bootstrap, no link addresses: mDNS must find the sharer, the download
 * by bare root must succeed, and the connections must use LAN addresses,
 * never a remote peer's loopback address.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import {
  cleanupAll, createLan, lanUnavailable, MiB, randomFile, runCli, sha256File, startNetnsDaemon, tempDir, uniqueNetwork, waitFor
} from '../support/index.js'
import type { PeerView, ShareJobView, TransferView } from '../../shared/index.js'

after(cleanupAll)

test('mDNS finds a sharer on the LAN and the download uses LAN addresses', { timeout: 90_000 }, async (t) => {
  const why = await lanUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  const [hostA, hostB] = await createLan()
  const network = uniqueNetwork()
  const profileA = await tempDir('lan-a')
  const profileB = await tempDir('lan-b')

  // Both hosts: a daemon with default listen addresses (all interfaces), mDNS on, no bootstrap.
  const a = await startNetnsDaemon(hostA.netns, ['--profile', profileA, '--network', network])
  const b = await startNetnsDaemon(hostB.netns, ['--profile', profileB, '--network', network])
  assert.ok(a.addrs.some(addr => addr.startsWith(`/ip4/${hostA.ip}/`)), `host A listens on its LAN address: ${a.addrs.join(' ')}`)

  // mDNS alone connects them, over A's LAN address and never a loopback one.
  const link = await waitFor(async () => {
    const r = await runCli(['peers', '--profile', profileB, '--json'], { netns: hostB.netns })
    const peers = r.code === 0 ? JSON.parse(r.stdout) as PeerView[] : []
    return peers.find(p => p.peerId === a.peerId)
  }, { what: 'host B to discover host A by mDNS', timeoutMs: 30_000, intervalMs: 500 })
  assert.equal(link.path, 'lan', `B reaches A over the LAN: ${link.addr}`)
  assert.ok(link.addr.startsWith(`/ip4/${hostA.ip}/`), `B dialed A's LAN address: ${link.addr}`)

  const original = await randomFile(await tempDir('lan-src'), 6 * MiB, 'lan.bin')
  const shared = await runCli(['share', original.path, '--public', '--profile', profileA, '--json'], { netns: hostA.netns })
  assert.equal(shared.code, 0, shared.stderr)
  const share = (JSON.parse(shared.stdout.trim().split('\n').at(-1)!) as ShareJobView).share!

  // B's daemon downloads the bare root: no link addresses.
  const out = await tempDir('lan-out')
  const got = await runCli(['get', share.root, '--profile', profileB, '--out', out, '--json'], { netns: hostB.netns, timeoutMs: 60_000 })
  assert.equal(got.code, 0, `get exits 0 only when complete: ${got.stderr}`)
  const view = JSON.parse(got.stdout.trim().split('\n').at(-1)!) as TransferView
  assert.equal(view.state, 'done')
  assert.equal(await sha256File(view.path!), original.sha256, 'the bytes arrived intact over the LAN')
  assert.ok(view.peers.some(p => p.peerId === a.peerId && p.chunksReceived > 0), 'the chunks came from host A')

  // Seen from A: every connection from B is over the LAN.
  const r = await runCli(['peers', '--profile', profileA, '--json'], { netns: hostA.netns })
  const fromA = JSON.parse(r.stdout) as PeerView[]
  assert.ok(fromA.some(p => p.peerId === b.peerId), 'A is connected to B')
  for (const p of fromA) assert.equal(p.path, 'lan', `no connection over a loopback address: ${p.addr}`)
})
