/**
 * The devices a person sees: every nearby (mDNS) and every paired
 * PeerShare instance, by name, with whether and how it is connected now.
 * "Send to" and pairing find a device here by its name or PeerId.
 */
import { BadRequestError, NotFoundError, PeerShareError } from '../errors.js'
import { connectionPath } from '../node/connection-path.js'
import type { DeviceNames } from './device-names.js'
import type { LanSightings } from './lan-sightings.js'
import type { PairedDevices } from './paired-devices.js'
import type { DeviceView } from '../../../shared/index.js'
import type { Connection, Libp2p } from '@libp2p/interface'

export interface DeviceListComponents {
  node: Pick<Libp2p, 'getConnections'>
  sightings: Pick<LanSightings, 'nearby' | 'isNearby'>
  paired: Pick<PairedDevices, 'get' | 'all'>
  names: Pick<DeviceNames, 'nameOf'>
}

/** A listed device could not be reached now. */
export class DeviceUnreachableError extends PeerShareError {
  constructor (name: string, cause: unknown) {
    super('unreachable', `${name} cannot be reached now (${(cause as Error)?.message ?? String(cause)}). Check that PeerShare runs there and that both are on the network, then try again.`, { cause })
    this.name = 'DeviceUnreachableError'
  }
}

/** Best first: a LAN or direct connection before a hole-punched one, and a relayed one last. */
const PATH_RANK: Readonly<Record<NonNullable<DeviceView['path']>, number>> = { lan: 0, direct: 1, loopback: 2, holepunched: 3, relayed: 4 }

export class DeviceList {
  private readonly components: DeviceListComponents

  constructor (components: DeviceListComponents) {
    this.components = components
  }

  /** Whether a peer is listed: nearby or paired. */
  isListed (peerId: string): boolean {
    return this.components.sightings.isNearby(peerId) || this.components.paired.get(peerId) != null
  }

  /** Every listed device: paired first, then by name. */
  views (): DeviceView[] {
    const ids = new Set([...this.components.paired.all().map(d => d.peerId), ...this.components.sightings.nearby()])
    return [...ids].map(id => this.view(id)).sort((a, b) => Number(b.paired) - Number(a.paired) || a.name.localeCompare(b.name))
  }

  /** One device as listed now (listed or not: a caller that just paired it, say). */
  view (peerId: string): DeviceView {
    const { node, sightings, paired, names } = this.components
    const record = paired.get(peerId)
    const connection = bestConnection(node.getConnections().filter(c => c.remotePeer.toString() === peerId))
    return {
      peerId,
      name: names.nameOf(peerId) ?? record?.name ?? `device …${peerId.slice(-8)}`,
      nearby: sightings.isNearby(peerId),
      paired: record != null,
      online: connection != null,
      path: connection == null ? null : pathOf(connection),
      addr: connection?.remoteAddr.toString() ?? null,
      autoAccept: record?.autoAccept ?? false,
      pairedAt: record?.pairedAt ?? null
    }
  }

  /**
   * The listed device called `to` (its name, case aside, or its PeerId).
   * NotFoundError names the devices there are; BadRequestError when two
   * share the name, so a person uses the PeerId instead.
   */
  find (to: unknown): DeviceView {
    if (typeof to !== 'string' || to.trim() === '') throw new BadRequestError('Say which device: its name (as `peershare devices` lists it) or its PeerId.')
    const wanted = to.trim()
    const all = this.views()
    const byId = all.find(d => d.peerId === wanted)
    if (byId != null) return byId
    const byName = all.filter(d => d.name.toLowerCase() === wanted.toLowerCase())
    if (byName.length === 1) return byName[0]
    if (byName.length > 1) throw new BadRequestError(`${byName.length} devices are called "${wanted}": use the PeerId of the one you mean (${byName.map(d => d.peerId).join(', ')}).`)
    const known = all.map(d => `"${d.name}"`).join(', ')
    throw new NotFoundError(`No nearby or paired device is called "${wanted.slice(0, 64)}". ${all.length === 0 ? 'None is listed: devices on this LAN appear once mDNS finds them; others must be paired first.' : `Listed: ${known}.`}`)
  }
}

function pathOf (c: Connection): NonNullable<DeviceView['path']> {
  return connectionPath(c).path
}

function bestConnection (connections: Connection[]): Connection | undefined {
  return connections.filter(c => c.status === 'open').sort((a, b) => PATH_RANK[pathOf(a)] - PATH_RANK[pathOf(b)])[0]
}
