/**
 * Assembles the libp2p node: TCP and WebSockets, Noise, Yamux, identify,
 * ping, kad-dht in server mode on the network's own protocol, and mDNS.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { kadDHT, type KadDHT } from '@libp2p/kad-dht'
import { mdns } from '@libp2p/mdns'
import { ping, type Ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { webSockets } from '@libp2p/websockets'
import { createLibp2p, type Libp2p } from 'libp2p'
import { MDNS_INTERVAL } from '../defaults.js'
import type { AddressPolicy } from './address-policy.js'
import type { Identify } from '@libp2p/identify'
import type { PrivateKey } from '@libp2p/interface'
import type { Datastore } from 'interface-datastore'

export interface NodeServices {
  identify: Identify
  ping: Ping
  dht: KadDHT
}

export type PeerShareNode = Libp2p<NodeServices & Record<string, unknown>>

export interface CreateNodeInit {
  privateKey: PrivateKey
  listen: readonly string[]
  /** Network name; the DHT protocol is /<network>/kad/1.0.0. */
  network: string
  mdns: boolean
  policy: AddressPolicy
  /** Holds DHT provider records; read by the health view. */
  datastore: Datastore
}

/** The DHT protocol for a network name. */
export function dhtProtocol (network: string): string {
  return `/${network}/kad/1.0.0`
}

export async function createNode (init: CreateNodeInit): Promise<PeerShareNode> {
  return createLibp2p({
    privateKey: init.privateKey,
    datastore: init.datastore,
    addresses: { listen: [...init.listen] },
    transports: [tcp(), webSockets()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    peerDiscovery: init.mdns ? [mdns({ serviceTag: `_${init.network}-peershare._udp.local`, interval: MDNS_INTERVAL })] : [],
    connectionGater: {
      denyDialMultiaddr: (ma) => init.policy.denyDial(ma)
    },
    services: {
      identify: identify(),
      ping: ping(),
      dht: kadDHT({
        protocol: dhtProtocol(init.network),
        logPrefix: 'peershare:dht:kad',
        clientMode: false,
        peerInfoMapper: init.policy.mapPeerInfo,
        // Small swarms (a LAN, a test) need answers quickly after start.
        initialQuerySelfInterval: 500
      })
    }
  })
}
