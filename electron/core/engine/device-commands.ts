/**
 * The contract's device commands on a running engine's parts: the device
 * list, "send to", answering offers, and pairing. Each checks what it is
 * given and says in words what to do when it cannot help.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { parsePairingInput, type DeviceView, type OfferView, type PairingInvitationView, type SentOfferView, type TransferView } from '../../../shared/index.js'
import { DEVICE_REQUEST_TIMEOUT } from '../defaults.js'
import { DeviceUnreachableError } from '../devices/index.js'
import { BadRequestError, NotFoundError } from '../errors.js'
import { sharePrivately } from './sharing.js'
import type { EngineParts } from './parts.js'
import type { PeerId } from '@libp2p/interface'

/** The longest `pair` may take: finding the device, then one exchange. */
const PAIR_TIMEOUT = 3 * DEVICE_REQUEST_TIMEOUT

export function listDevices ({ devices }: EngineParts): DeviceView[] {
  return devices.devices.views()
}

export function listOffers ({ devices }: EngineParts): OfferView[] {
  return devices.offers.list()
}

/** Shares `path` privately and offers it to the device `to`; the device's refusal is the error. */
export async function sendTo (parts: EngineParts, req: { path?: unknown, to?: unknown }): Promise<SentOfferView> {
  const { devices } = parts
  const device = devices.devices.find(req?.to)
  if (device.peerId === parts.node.peerId.toString()) throw new BadRequestError('That is this device: send to another one.')
  // Reached first: a device that cannot be reached gets nothing hashed or shared for it.
  const peer = await reachable(parts, device.peerId, device.name)
  const view = await sharePrivately(parts, req?.path)
  await devices.offers.send(peer, device.name, { name: view.name, size: view.size, fileCount: view.fileCount, link: view.link }, { signal: AbortSignal.timeout(DEVICE_REQUEST_TIMEOUT) })
  return { share: view, device: devices.devices.view(device.peerId) }
}

export async function acceptOffer ({ devices }: EngineParts, req: { id?: unknown, outDir?: unknown }): Promise<TransferView> {
  return await devices.offers.accept(req?.id, req?.outDir)
}

export function declineOffer ({ devices }: EngineParts, req: { id?: unknown }): { id: string } {
  return devices.offers.decline(req?.id)
}

export function startPairing ({ devices }: EngineParts): PairingInvitationView {
  return devices.pairing.invite()
}

/** Pairs with the device that shows `code` (digits, with `device` saying which one, or its pairing link). */
export async function pair (parts: EngineParts, req: { code?: unknown, device?: unknown }): Promise<DeviceView> {
  const { devices, finder } = parts
  const input = parsePairingInput(req?.code)
  let peerId: string
  if (input.link != null) {
    peerId = input.link.peerId
    // The link's addresses go to the peer store (those this node may dial), so the device can be reached by its PeerId.
    await finder.fromLink(input.link.peers)
  } else {
    if (req?.device == null) throw new BadRequestError('With a code, say which device shows it: its name (as the Nearby list shows it) or PeerId. Or paste its pairing link instead.')
    peerId = devices.devices.find(req.device).peerId
  }
  if (peerId === parts.node.peerId.toString()) throw new BadRequestError('That code is this device\'s own: type it on the other device.')
  const name = devices.devices.view(peerId).name
  const peer = await reachable(parts, peerId, name)
  await devices.pairing.pair(peer, name, input.code, { signal: AbortSignal.timeout(PAIR_TIMEOUT) })
  devices.devicesChanged()
  return devices.devices.view(peerId)
}

export async function unpair ({ devices }: EngineParts, req: { peerId?: unknown }): Promise<{ peerId: string }> {
  const id = String(req?.peerId)
  if (!await devices.paired.remove(id)) throw new NotFoundError(`${id.slice(0, 100)} is not a paired device.`)
  devices.devicesChanged()
  return { peerId: id }
}

export async function setAutoAccept ({ devices }: EngineParts, req: { peerId?: unknown, autoAccept?: unknown }): Promise<DeviceView> {
  if (typeof req?.autoAccept !== 'boolean') throw new BadRequestError('autoAccept must be true or false.')
  const id = String(req?.peerId)
  if (await devices.paired.update(id, { autoAccept: req.autoAccept }) == null) throw new NotFoundError(`${id.slice(0, 100)} is not a paired device: only a paired device's offers can be accepted without asking.`)
  devices.devicesChanged()
  return devices.devices.view(id)
}

/** A device's PeerId once connected to it (a paired device is looked for where it was last); DeviceUnreachableError otherwise. */
async function reachable ({ node, devices }: EngineParts, peerId: string, name: string): Promise<PeerId> {
  const id = peerIdFromString(peerId)
  const record = devices.paired.get(peerId)
  if (record != null && record.addrs.length > 0) {
    const addrs = record.addrs.flatMap(a => { try { return [multiaddr(a).decapsulateCode(421)] } catch { return [] } })
    if (addrs.length > 0) await node.peerStore.merge(id, { multiaddrs: addrs })
  }
  try {
    await node.dial(id, { signal: AbortSignal.timeout(DEVICE_REQUEST_TIMEOUT) })
  } catch (err) {
    throw new DeviceUnreachableError(name, err)
  }
  return id
}
