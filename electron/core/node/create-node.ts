/**
 * Assembles the libp2p node: TCP and WebSockets, Noise, Yamux, identify,
 * ping, kad-dht in server mode on the network's own protocol, and mDNS.
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
import { MDNS_INTERVAL } from '../defaults.js'
import { KadAdapter, kadService, type KadServiceInit, type LookupRecorder } from './kad.js'
import { nodeMetrics } from './metrics.js'
import type { AddressPolicy } from './address-policy.js'
import type { SingleKadDHT } from '@libp2p/kad-dht'
import type { PrivateKey } from '@libp2p/interface'

export interface NodeServices {
  identify: Identify
  ping: Ping
  dht: SingleKadDHT
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
  /** Where the DHT's lookups are recorded (the inspector); default nowhere. */
  lookups?: LookupRecorder
}

/** A started node and its DHT adapter. */
export interface NodeParts {
  readonly node: PeerShareNode
  readonly kad: KadAdapter
  /** libp2p's and kad-dht's metrics in Prometheus text format. */
  metricsText(): Promise<{ contentType: string, text: string }>
}

export async function createNode (init: CreateNodeInit): Promise<NodeParts> {
  // DHT records live in memory: provider records are re-announced after a restart anyway.
  const datastore = new MemoryDatastore()
  const metrics = nodeMetrics()
  const node = await metrics.build(async () => await createLibp2p({
    privateKey: init.privateKey,
    datastore,
    addresses: { listen: [...init.listen], announce: [...init.announce ?? []] },
    transports: [tcp(), webSockets()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    peerDiscovery: init.mdns ? [mdns({ serviceTag: `_${init.network}-peershare._udp.local`, interval: MDNS_INTERVAL })] : [],
    connectionGater: {
      denyDialMultiaddr: (ma) => init.policy.denyDial(ma)
    },
    metrics: metrics.service,
    services: {
      identify: identify(),
      ping: ping(),
      dht: kadService({ network: init.network, policy: init.policy, recordSweep: init.recordSweep })
    }
  }))
  const kad = new KadAdapter({ dht: node.services.dht, datastore, peerId: node.peerId, lookups: init.lookups }, { recordValidity: init.recordSweep?.validity })
  return { node, kad, metricsText: metrics.text }
}
