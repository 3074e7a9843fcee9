/**
 * Devices between real daemons on loopback (no mDNS, so nobody is nearby):
 * an offer from a peer that is neither paired nor nearby is refused and
 * nothing reaches the person; pairing by a pairing link (a wrong code is
 * refused) lists each device on the other by name; then "send to" offers a
 * file, a declined offer leaves nothing on disk, an accepted one arrives
 * byte for byte, and with "accept automatically" the next one arrives
 * without asking; after a restart the pairing is still there.
 */
import assert from 'node:assert/strict'
import { readdir } from 'node:fs/promises'
import { after, test } from 'node:test'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { askDevice } from '../../electron/core/devices/device-exchange.js'
import { PROTOCOL_OFFER } from '../../electron/core/devices/offers.js'
import { Offer, OfferReply, OfferStatus } from '../../electron/core/pb/messages.js'
import { parsePairingInput, shareAndWait } from '../../shared/index.js'
import {
  MiB, cleanupAll, createRawNode, dialAddr, listTree, randomFile, sha256File, startDaemon, tempDir, uniqueNetwork,
  waitFor, waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import type { PeerShareEvent } from '../../shared/index.js'

after(cleanupAll)

test('devices: offers only from paired or nearby devices; pair, send, decline, accept, accept automatically', { timeout: 180_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const receiverDownloads = await tempDir('receiver-downloads')
  const receiver = await startDaemon({ name: 'receiver', network, extraArgs: ['--device-name', 'Bea\'s desktop', '--download-dir', receiverDownloads] })
  const sender = await startDaemon({ name: 'sender', network, bootstrap: [dialAddr(receiver)], extraArgs: ['--device-name', 'Anna\'s laptop'] })
  const offered: PeerShareEvent[] = []
  const unsubscribe = await receiver.client.subscribe(e => { if (e.kind === 'offer') offered.push(e) })

  await t.test('an offer from a peer that is neither paired nor nearby is refused', async () => {
    const stranger = await createRawNode()
    const link = (await shareAndWait(sender.client, (await randomFile(await tempDir('stranger'), 1024, 'unwanted.bin')).path)).link
    await stranger.dial(multiaddr(dialAddr(receiver)))
    const reply = await askDevice(stranger, peerIdFromString(receiver.peerId), PROTOCOL_OFFER, Offer,
      { id: 'x', name: 'unwanted.bin', size: 1024n, fileCount: 1, link, fromName: 'Stranger' }, OfferReply)
    assert.equal(reply.status, OfferStatus.REFUSED)
    assert.match(reply.message, /paired with or finds on its local network/)
    assert.deepEqual(await receiver.client.offers({}), [], 'nothing waits for an answer')
    // The sender is a peer too, but not a device the receiver lists: it cannot send yet either.
    await assert.rejects(sender.client.sendTo({ path: '/nonexistent', to: receiver.peerId }), { code: 'not-found' })
  })

  await t.test('pairing by a pairing link; a wrong code is refused', async () => {
    const invitation = await receiver.client.startPairing({})
    assert.match(invitation.code, /^\d{8}$/)
    const wrong = invitation.link.replace(`#code=${invitation.code}`, `#code=${invitation.code === '00000000' ? '11111111' : '00000000'}`)
    await assert.rejects(sender.client.pair({ code: wrong }), (err: Error) => /did not accept the code/.test(err.message))
    assert.equal(parsePairingInput(invitation.link).link?.peerId, receiver.peerId)
    const paired = await sender.client.pair({ code: invitation.link })
    assert.equal(paired.name, 'Bea\'s desktop')
    assert.equal(paired.paired, true)
    assert.equal(paired.online, true)
    assert.equal(paired.path, 'loopback')
    const seen = await waitFor(async () => (await receiver.client.devices({})).find(d => d.peerId === sender.peerId && d.paired), { what: 'the receiver to list the sender as paired', timeoutMs: 10_000 })
    assert.equal(seen.name, 'Anna\'s laptop', 'each side knows the other by its device name')
    await assert.rejects(sender.client.pair({ code: invitation.link }), (err: Error) => /used already/.test(err.message), 'a code works once')
  })

  await t.test('a declined offer leaves nothing on disk', async () => {
    const file = await randomFile(await tempDir('declined'), 3 * MiB, 'declined.bin')
    const sent = await sender.client.sendTo({ path: file.path, to: 'bea\'s DESKTOP' })
    assert.equal(sent.share.private, true, 'sent through a private share')
    const offer = await waitFor(async () => (await receiver.client.offers({})).find(o => o.name === 'declined.bin'), { what: 'the offer to arrive', timeoutMs: 10_000 })
    assert.equal(offer.fromName, 'Anna\'s laptop')
    assert.equal(offer.size, 3 * MiB)
    assert.ok(offered.some(e => e.kind === 'offer' && e.offer.id === offer.id), 'the receiver heard of it as an event')
    await receiver.client.declineOffer({ id: offer.id })
    assert.deepEqual(await receiver.client.offers({}), [])
    assert.deepEqual(await receiver.client.transfers({}), [], 'no download was started')
    assert.deepEqual(await readdir(receiverDownloads), [], 'nothing was written')
  })

  await t.test('an accepted offer arrives byte for byte; with accept automatically, the next one arrives without asking', async () => {
    const file = await randomFile(await tempDir('accepted'), 5 * MiB, 'accepted.bin')
    await sender.client.sendTo({ path: file.path, to: receiver.peerId })
    const offer = await waitFor(async () => (await receiver.client.offers({})).find(o => o.name === 'accepted.bin'), { what: 'the offer to arrive', timeoutMs: 10_000 })
    const started = await receiver.client.acceptOffer({ id: offer.id })
    const done = await waitForTransfer(receiver, started.id, { until: 'done', timeoutMs: 60_000 })
    assert.equal(await sha256File(done.path!), file.sha256)

    await receiver.client.setAutoAccept({ peerId: sender.peerId, autoAccept: true })
    const auto = await randomFile(await tempDir('auto'), 2 * MiB, 'automatic.bin')
    const sent = await sender.client.sendTo({ path: auto.path, to: receiver.peerId })
    const autoDone = await waitForTransfer(receiver, sent.share.root, { until: 'done', timeoutMs: 60_000 })
    assert.equal(await sha256File(autoDone.path!), auto.sha256)
    assert.deepEqual((await listTree(receiverDownloads)).filter(p => !p.startsWith('.peershare')).sort(), ['accepted.bin', 'automatic.bin'])
  })

  await t.test('a paired device is remembered across a restart, and shown online with its path once connected again', async () => {
    unsubscribe()
    const again = await receiver.restart()
    // No bootstrap reaches the sender any more: the receiver dials it where the pairing last saw it.
    const back = await waitFor(async () => (await again.client.devices({})).find(d => d.peerId === sender.peerId && d.paired && d.online),
      { what: 'the restarted receiver to list the sender, paired and online', timeoutMs: 30_000 })
    assert.equal(back.name, 'Anna\'s laptop')
    assert.equal(back.autoAccept, true, 'its "accept automatically" is kept')
    assert.equal(back.path, 'loopback')
  })
}))
