/**
 * Assembles the libp2p node: TCP and WebSockets, Noise, Yamux, identify,
 * ping, kad-dht in server mode on the network's own protocol, and mDNS,
 * with connection limits that keep one peer or address from taking them all.
 * The node comes with its kad-dht adapter, the only way into the DHT.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify, type Identify } from '@libp2p/identify'
import { mdns } from '@libp2p/mdns'
import { ping, type Ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { webSockets } from '@libp2p/websockets'
import { MemoryDatastore } from 'datastore-core'
import { createLibp2p, type Libp2p } from 'libp2p'
import {
  INBOUND_CONNECTION_THRESHOLD, INBOUND_UPGRADE_TIMEOUT, MAX_CONNECTIONS, MAX_INCOMING_PENDING_CONNECTIONS, MDNS_INTERVAL
} from '../defaults.js'
import { ConnectionGuard } from './connection-guard.js'
import { KadAdapter, kadService, type KadServiceInit } from './kad.js'
import type { AddressPolicy } from './address-policy.js'
import type { SingleKadDHT } from '@libp2p/kad-dht'
import type { PrivateKey } from '@libp2p/interface'

export interface NodeServices {
  identify: Identify
  ping: Ping
  dht: SingleKadDHT
  connectionGuard: ConnectionGuard
}

export type PeerShareNode = Libp2p<NodeServices & Record<string, unknown>>

export interface CreateNodeInit {
  privateKey: PrivateKey
  listen: readonly string[]
  /** Addresses announced instead of the listen addresses; default none. */
  announce?: readonly string[]
  /** Network name; the DHT protocol is /<network>/kad/1.0.0. */
  network: string
  mdns: boolean
  policy: AddressPolicy
  /** kad-dht's own sweep of provider records; default kad-dht's (see KadServiceInit). */
  recordSweep?: KadServiceInit['recordSweep']
  /** Told of every peer mDNS finds on the LAN (the Nearby list); other discovery is not reported here. */
  onLanPeer?(peerId: string): void
}

/** A started node and its DHT adapter. */
export interface NodeParts {
  readonly node: PeerShareNode
  readonly kad: KadAdapter
}

/** mDNS on the network's own service name, reporting what it finds to `onLanPeer` as well as to libp2p. */
function lanDiscovery (network: string, onLanPeer?: (peerId: string) => void): ReturnType<typeof mdns> {
  const factory = mdns({ serviceTag: `_${network}-peershare._udp.local`, interval: MDNS_INTERVAL })
  return components => {
    const discovery = factory(components)
    discovery.addEventListener('peer', evt => { onLanPeer?.(evt.detail.id.toString()) })
    return discovery
  }
}

export async function createNode (init: CreateNodeInit): Promise<NodeParts> {
  // DHT records live in memory: provider records are re-announced after a restart anyway.
  const datastore = new MemoryDatastore()
  const guard = new ConnectionGuard()
  const node = await createLibp2p({
    privateKey: init.privateKey,
    datastore,
    addresses: { listen: [...init.listen], announce: [...init.announce ?? []] },
    transports: [tcp(), webSockets()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    peerDiscovery: init.mdns ? [lanDiscovery(init.network, init.onLanPeer)] : [],
    connectionManager: {
      maxConnections: MAX_CONNECTIONS,
      maxIncomingPendingConnections: MAX_INCOMING_PENDING_CONNECTIONS,
      inboundConnectionThreshold: INBOUND_CONNECTION_THRESHOLD,
      inboundUpgradeTimeout: INBOUND_UPGRADE_TIMEOUT
    },
    connectionGater: {
      denyDialMultiaddr: (ma) => init.policy.denyDial(ma),
      ...guard.gater
    },
    services: {
      connectionGuard: guard.service,
      identify: identify(),
      ping: ping(),
      dht: kadService({ network: init.network, policy: init.policy, recordSweep: init.recordSweep })
    }
  })
  return { node, kad: new KadAdapter({ dht: node.services.dht, datastore, peerId: node.peerId }) }
}
