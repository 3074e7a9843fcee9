/**
 * Two machines on a LAN (network namespaces joined by a veth pair), each
 * running a daemon with mDNS and a device name, driven through the CLI as a
 * person would: each lists the other by name in `peershare devices`; they
 * pair over a code typed on the other; `send --to` gives the other an offer
 * that `accept` downloads byte for byte, and `decline` leaves nothing on disk.
 */
import assert from 'node:assert/strict'
import { readdir } from 'node:fs/promises'
import { after, test } from 'node:test'
import {
  cleanupAll, createLan, lanUnavailable, MiB, randomFile, runCli, sha256File, startNetnsDaemon, tempDir, uniqueNetwork, waitFor
} from '../support/index.js'
import type { DeviceView, OfferView, PairingInvitationView, TransferView } from '../../shared/index.js'

after(cleanupAll)

test('devices on a LAN: named, paired over a code, send --to and accept or decline', { timeout: 150_000 }, async (t) => {
  const why = await lanUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  const [hostA, hostB] = await createLan()
  const network = uniqueNetwork()
  const profileA = await tempDir('devices-a')
  const profileB = await tempDir('devices-b')
  const downloadsB = await tempDir('devices-b-downloads')
  const a = await startNetnsDaemon(hostA.netns, ['--profile', profileA, '--network', network, '--device-name', 'Study PC'])
  const b = await startNetnsDaemon(hostB.netns, ['--profile', profileB, '--network', network, '--device-name', 'Kitchen laptop', '--download-dir', downloadsB])
  const cli = async (host: typeof hostA, profile: string, args: string[]): Promise<string> => {
    const r = await runCli([...args, '--profile', profile, '--json'], { netns: host.netns, timeoutMs: 60_000 })
    assert.equal(r.code, 0, `peershare ${args.join(' ')}: ${r.stderr}`)
    return r.stdout
  }

  // mDNS alone: each lists the other by the name it chose.
  const seenByB = await waitFor(async () => (JSON.parse(await cli(hostB, profileB, ['devices'])) as DeviceView[]).find(d => d.peerId === a.peerId && d.name === 'Study PC'),
    { what: 'B to list A by name', timeoutMs: 40_000, intervalMs: 500 })
  assert.equal(seenByB.nearby, true)
  assert.equal(seenByB.paired, false)
  await waitFor(async () => (JSON.parse(await cli(hostA, profileA, ['devices'])) as DeviceView[]).some(d => d.peerId === b.peerId && d.name === 'Kitchen laptop' && d.online && d.path === 'lan'),
    { what: 'A to list B by name, online over the LAN', timeoutMs: 40_000, intervalMs: 500 })

  // Pairing over a code: A shows it, B types it and picks A by name.
  const invitation = JSON.parse(await cli(hostA, profileA, ['pair'])) as PairingInvitationView
  const paired = JSON.parse(await cli(hostB, profileB, ['pair', invitation.code, '--with', 'Study PC'])) as DeviceView
  assert.equal(paired.peerId, a.peerId)
  assert.equal(paired.paired, true)
  const onA = (JSON.parse(await cli(hostA, profileA, ['devices'])) as DeviceView[]).find(d => d.peerId === b.peerId)
  assert.equal(onA?.paired, true, 'both sides record the pairing')

  // send --to: an offer on B, which accept downloads byte for byte.
  const original = await randomFile(await tempDir('devices-src'), 4 * MiB, 'photos.tar')
  await cli(hostA, profileA, ['send', original.path, '--to', 'Kitchen laptop'])
  const offer = await waitFor(async () => (JSON.parse(await cli(hostB, profileB, ['offers'])) as OfferView[]).find(o => o.name === 'photos.tar'),
    { what: 'the offer to reach B', timeoutMs: 20_000, intervalMs: 500 })
  assert.equal(offer.fromName, 'Study PC')
  const accepted = JSON.parse(await cli(hostB, profileB, ['accept', offer.id])) as TransferView
  const done = await waitFor(async () => {
    const ls = JSON.parse(await cli(hostB, profileB, ['ls'])) as { transfers: TransferView[] }
    return ls.transfers.find(x => x.id === accepted.id && x.state === 'done')
  }, { what: 'the accepted offer to finish downloading', timeoutMs: 60_000, intervalMs: 500 })
  assert.equal(await sha256File(done.path!), original.sha256)

  // decline: nothing more on disk.
  const unwanted = await randomFile(await tempDir('devices-src2'), 1 * MiB, 'unwanted.bin')
  const before = await readdir(downloadsB)
  await cli(hostA, profileA, ['send', unwanted.path, '--to', b.peerId])
  const second = await waitFor(async () => (JSON.parse(await cli(hostB, profileB, ['offers'])) as OfferView[]).find(o => o.name === 'unwanted.bin'),
    { what: 'the second offer to reach B', timeoutMs: 20_000, intervalMs: 500 })
  await cli(hostB, profileB, ['decline', second.id])
  assert.deepEqual(JSON.parse(await cli(hostB, profileB, ['offers'])), [])
  assert.deepEqual(await readdir(downloadsB), before, 'declining wrote nothing')
})
