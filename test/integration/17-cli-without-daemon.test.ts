/**
 * The CLI with no daemon for the profile, as a person at a terminal meets
 * it. `status`, `ls`, `peers` and `dht` read the profile and say that no
 * node is running, and start none; without --profile they speak of the
 * profile `npm start` uses. A daemonless `get` leaves nothing behind in
 * others' routing tables or provider records. A link whose addresses are
 * loopback ones is dialed as given, even by a `get` that listens on every
 * interface (in a network namespace of its own).
 */
import assert from 'node:assert/strict'
import { access, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { defaultProfileDir } from '../../electron/cli/default-profile.js'
import type { ShareView } from '../../shared/index.js'
import {
  MiB, callInNetns, cleanupAll, createLan, dialAddr, lanUnavailable, randomFile, runCli, sha256File, startDaemon, startNetnsDaemon,
  tempDir, uniqueNetwork, withLogsOnFailure
} from '../support/index.js'

after(cleanupAll)

test('read-only commands without a daemon read the profile and say no node is running', { timeout: 90_000 }, withLogsOnFailure(async () => {
  const network = uniqueNetwork()
  const daemon = await startDaemon({ name: 'once', network })
  const file = await randomFile(await tempDir('rest-src'), MiB, 'kept.bin')
  const share = await daemon.client.share({ path: file.path })
  await daemon.stop()
  const before = (await readdir(daemon.profileDir)).sort()

  const status = await runCli(['status', '--profile', daemon.profileDir])
  assert.equal(status.code, 0, status.stderr)
  assert.match(status.stdout, /^No PeerShare node is running for the profile .*\. Start one with `peershare daemon --profile /)
  assert.match(status.stdout, new RegExp(`PeerId: +${daemon.peerId}`), 'the profile\'s identity, from its key')
  assert.match(status.stdout, /Running: +no/)
  assert.match(status.stdout, /Shares: +1\n/)

  const json = JSON.parse((await runCli(['status', '--profile', daemon.profileDir, '--json'])).stdout) as { running: boolean, peerId: string }
  assert.deepEqual([json.running, json.peerId], [false, daemon.peerId])

  const ls = await runCli(['ls', '--profile', daemon.profileDir])
  assert.equal(ls.code, 0, ls.stderr)
  assert.match(ls.stderr, /No PeerShare node is running/)
  assert.match(ls.stdout, new RegExp(`kept\\.bin +1\\.0 MiB +1 +seeding .*${share.root}`))

  for (const command of ['peers', 'dht']) {
    const r = await runCli([command, '--profile', daemon.profileDir])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^No PeerShare node is running for the profile/, command)
  }
  assert.deepEqual(JSON.parse((await runCli(['peers', '--profile', daemon.profileDir, '--json'])).stdout), [])

  // Nothing was started: no daemon file, nothing new in the profile.
  assert.deepEqual((await readdir(daemon.profileDir)).sort(), before)

  // A profile that does not exist is said to be so, and is not created.
  const nowhere = join(await tempDir('rest-none'), 'typo')
  const none = await runCli(['status', '--profile', nowhere])
  assert.equal(none.code, 1)
  assert.match(none.stderr, /There is no profile at .*typo yet/)
  await assert.rejects(access(nowhere), 'the profile folder was not created')

  // Without --profile: the profile `npm start` uses (read, never written, so a developer's own is safe).
  const plain = await runCli(['status'], { env: { PEERSHARE_PROFILE: '' } })
  const said = `${plain.stdout}${plain.stderr}`
  assert.ok(said.includes(defaultProfileDir()) || /Running: +yes/.test(plain.stdout), `status without --profile speaks of ${defaultProfileDir()}: ${said}`)
}))

test('a daemonless get leaves no trace in the routing table or provider records of the peers it met', { timeout: 90_000 }, withLogsOnFailure(async () => {
  const network = uniqueNetwork()
  const seeder = await startDaemon({ name: 'seeder', network })
  const original = await randomFile(await tempDir('clean-src'), 4 * MiB, 'clean.bin')
  const share = await seeder.client.share({ path: original.path })

  const profile = await tempDir('clean-get')
  const out = await tempDir('clean-out')
  const got = await runCli([
    'get', share.link, '--profile', profile, '--out', out,
    '--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns', '--network', network, '--bootstrap', dialAddr(seeder)
  ], { timeoutMs: 60_000 })
  assert.equal(got.code, 0, got.stderr)
  assert.equal(await sha256File(join(out, 'clean.bin')), original.sha256)
  const getter = (JSON.parse((await runCli(['status', '--profile', profile, '--json'])).stdout) as { peerId: string }).peerId

  const dht = await seeder.client.dht({})
  assert.ok(!dht.buckets.some(b => b.peers.includes(getter)), `the getter is not in the seeder's routing table: ${JSON.stringify(dht.buckets)}`)
  assert.ok(!dht.providerRecords.some(r => r.provider === getter), 'nor does the seeder hold a provider record of it')
  assert.ok(!(await seeder.client.peers({})).some(p => p.peerId === getter), 'and it hung up when it went')
}))

test('a link\'s loopback addresses are dialed by a get listening on every interface', { timeout: 90_000 }, async (t) => {
  const why = await lanUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  const [host] = await createLan()
  const network = uniqueNetwork()
  const sharerProfile = await tempDir('loop-sharer')
  const sharer = await startNetnsDaemon(host.netns, ['--profile', sharerProfile, '--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns', '--network', network])
  assert.ok(sharer.addrs.every(a => a.startsWith('/ip4/127.0.0.1/')), 'the sharer listens on loopback only')
  const original = await randomFile(await tempDir('loop-src'), 2 * MiB, 'loop.bin')
  const share = await callInNetns(host.netns, sharerProfile, 'share', { path: original.path }) as ShareView
  assert.match(share.link, /127\.0\.0\.1/)

  // The getter listens on all interfaces (so it has a LAN address and is not loopback-only), with mDNS on.
  const out = await tempDir('loop-out')
  const got = await runCli(['get', share.link, '--profile', await tempDir('loop-get'), '--out', out, '--network', network], { netns: host.netns, timeoutMs: 45_000 })
  assert.equal(got.code, 0, `the link's address is dialed: exit ${got.code} after ${got.ms} ms\n${got.stderr.slice(-2000)}`)
  assert.equal(await sha256File(join(out, 'loop.bin')), original.sha256)
  assert.ok(got.ms < 30_000, `no minute of searching first: ${got.ms} ms`)
})
