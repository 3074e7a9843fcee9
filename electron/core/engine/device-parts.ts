/**
 * The device parts of a running engine (devices/), built after the node:
 * names told between devices, the paired devices from the store, the list a
 * person sees, offers and pairing. Any change a person would see in the
 * device list (one arrives nearby, is named, paired, connects or leaves)
 * becomes one throttled `devices` event with the whole list.
 */
import { DeviceList, DeviceNames, Offers, PairedDevices, Pairing, type LanSightings } from '../devices/index.js'
import { multiaddr } from '@multiformats/multiaddr'
import { DEVICE_REQUEST_TIMEOUT, LINK_ADDRESSES } from '../defaults.js'
import { log } from '../logger.js'
import { rankAddresses } from '../node/address-policy.js'
import { checkLink } from './links.js'
import type { EventHub } from './event-hub.js'
import type { EngineSettings } from './settings.js'
import type { TransferRegistry } from './transfer-registry.js'
import type { Store } from '../library/store.js'
import type { PeerShareNode } from '../node/create-node.js'

const logger = log('devices')

export interface DeviceParts {
  readonly sightings: LanSightings
  readonly names: DeviceNames
  readonly paired: PairedDevices
  readonly devices: DeviceList
  readonly offers: Offers
  readonly pairing: Pairing
  /** The device list may have changed: listeners hear of it (throttled). */
  devicesChanged(): void
  stop(): Promise<void>
}

export interface DevicePartsComponents {
  node: PeerShareNode
  store: Store
  settings: EngineSettings
  events: EventHub
  sightings: LanSightings
  /** The downloads, for accepted offers (built after these parts, so asked for when needed). */
  transfers(): TransferRegistry
}

/** Builds and starts the device parts; `stop()` undoes it. */
export async function startDevices (components: DevicePartsComponents): Promise<DeviceParts> {
  const { node, store, settings, events, sightings } = components
  const ownName = (): string => settings.current.deviceName
  const paired = new PairedDevices({ store })
  await paired.load()
  // The list asks the names, and the names ask the list which peers to ask: the list is only consulted once both exist.
  const names = new DeviceNames({ node, ownName, listed: id => list.isListed(id) })
  const list = new DeviceList({ node, sightings, paired, names })
  const devicesChanged = (): void => {
    events.throttled('devices', 'devices', () => ({ kind: 'devices', devices: list.views() }))
  }
  names.onChange = devicesChanged
  sightings.onArrival = peerId => {
    devicesChanged()
    // A device connected before mDNS found it was not asked at identify: it is asked now.
    const connection = node.getConnections().find(c => c.remotePeer.toString() === peerId)
    if (connection != null) void names.ask(connection.remotePeer, { signal: AbortSignal.timeout(DEVICE_REQUEST_TIMEOUT) })
  }
  const onConnection = (evt: CustomEvent<{ remotePeer: { toString(): string } }>): void => {
    if (list.isListed(evt.detail.remotePeer.toString())) devicesChanged()
  }
  const onDisconnect = (evt: CustomEvent<{ toString(): string }>): void => {
    if (list.isListed(evt.detail.toString())) devicesChanged()
  }
  node.addEventListener('connection:open', onConnection)
  node.addEventListener('peer:disconnect', onDisconnect)

  const offers = new Offers({
    node,
    devices: list,
    paired,
    ownName,
    checkLink: link => checkLink(link),
    download: async (link, outDir) => await components.transfers().download(link, { outDir }, settings.current.downloadDir),
    events
  })
  const pairing = new Pairing({
    node,
    paired,
    ownName,
    linkAddrs: () => rankAddresses(node.getMultiaddrs()).slice(0, LINK_ADDRESSES).map(ma => ma.toString()),
    onPaired: devicesChanged
  })
  await names.start()
  await offers.start()
  await pairing.start()
  // Paired devices are looked up where they were last reached, so they show online (and can be sent to) without mDNS.
  const stopping = new AbortController()
  for (const d of paired.all()) {
    const addrs = d.addrs.flatMap(a => { try { return [multiaddr(a)] } catch { return [] } })
    if (addrs.length === 0) continue
    node.dial(addrs, { signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(DEVICE_REQUEST_TIMEOUT)]) }).catch(err => {
      logger('paired device %s (%s) is not reachable where it was last: %s', d.name, d.peerId, (err as Error).message)
    })
  }
  return {
    sightings,
    names,
    paired,
    devices: list,
    offers,
    pairing,
    devicesChanged,
    stop: async () => {
      stopping.abort()
      node.removeEventListener('connection:open', onConnection)
      node.removeEventListener('peer:disconnect', onDisconnect)
      await pairing.stop()
      await offers.stop()
      await names.stop()
    }
  }
}
