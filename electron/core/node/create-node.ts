/**
 * Assembles the libp2p node: TCP and WebSockets, Noise, Yamux, identify,
 * ping, kad-dht on the network's own protocol, and mDNS. A node that
 * listens beyond this computer also gets what reaching peers behind home
 * routers takes (docs/reach.md): circuit relay v2 (reservations on relays,
 * and a relay of its own to offer), WebRTC for hole punching, AutoNAT v2 to
 * confirm its public addresses, and UPnP port mapping. A node on loopback
 * only (tests, several instances on one machine) needs none of it and
 * starts without loading it, unless it is given a relay by name (a lab).
 * Connection limits keep one peer or address from taking them all.
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
import { createLibp2p, type Libp2p, type Libp2pOptions } from 'libp2p'
import {
  INBOUND_CONNECTION_THRESHOLD, INBOUND_UPGRADE_TIMEOUT, MAX_CONNECTIONS, MAX_INCOMING_PENDING_CONNECTIONS, MDNS_INTERVAL
} from '../defaults.js'
import { CODE_P2P, multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { classifyAddress, type AddressPolicy } from './address-policy.js'
import { ConnectionGuard } from './connection-guard.js'
import { KadAdapter, kadService, type KadServiceInit } from './kad.js'
import { nodeMetrics } from './metrics.js'
import { CONNECTION_MONITOR, iceServers, UPNP_INIT } from './reach-settings.js'
import type { LookupRecorder } from './kad-trace.js'
import type { ReachControl } from './reach-control.js'
import type { RelayService, RelayServiceInit } from './relay-service.js'
import type { SingleKadDHT } from '@libp2p/kad-dht'
import type { PrivateKey } from '@libp2p/interface'

export interface NodeServices {
  identify: Identify
  ping: Ping
  dht: SingleKadDHT
  connectionGuard: ConnectionGuard
  /** Present when the node was assembled for reach (NodeReachInit). */
  reach?: ReachControl
  relay?: RelayService
}

export type PeerShareNode = Libp2p<NodeServices & Record<string, unknown>>

/** What a node that reaches beyond this computer runs. */
export interface NodeReachInit {
  /** STUN servers WebRTC asks for this node's public address (empty: host candidates only). */
  stun: readonly string[]
  /** Ask the router for a port forward. */
  upnp: boolean
  /** Hole punching with WebRTC (see EngineInit.holePunch); default true. */
  holePunch?: boolean
}

export interface CreateNodeInit {
  privateKey: PrivateKey
  listen: readonly string[]
  /**
   * Addresses announced instead of the listen addresses (a server's public
   * address, a proxy in front of the node); default none. Addresses through
   * relays this node reserves on are announced beside them.
   */
  announce?: readonly string[]
  /** Network name; the DHT protocol is /<network>/kad/1.0.0 (the public network's is /ipfs/kad/1.0.0). */
  network: string
  mdns: boolean
  policy: AddressPolicy
  /** kad-dht's own sweep of provider records; default kad-dht's (see KadServiceInit). */
  recordSweep?: KadServiceInit['recordSweep']
  /** Relays, hole punching, AutoNAT and UPnP; default none (a node that stays on this computer). */
  reach?: NodeReachInit
  /** The relay this node may offer to others (with AutoNAT's server beside it); default none. */
  relay?: RelayServiceInit
  /** Ask the DHT without answering for it (see KadServiceInit); default false. */
  dhtClient?: boolean
  /** Where the DHT's lookups are recorded (the inspector); default nowhere. */
  lookups?: LookupRecorder
  /** Told of every peer mDNS finds on the LAN (the Nearby list); other discovery is not reported here. */
  onLanPeer?(peerId: string): void
}

/** A started node and its DHT adapter. */
export interface NodeParts {
  readonly node: PeerShareNode
  readonly kad: KadAdapter
  /** libp2p's and kad-dht's metrics in Prometheus text format. */
  metricsText(): Promise<{ contentType: string, text: string }>
}

/** Whether a node listening on these addresses can be reached from beyond this computer. */
export function listensBeyondLoopback (listen: readonly string[]): boolean {
  return listen.some(addr => !addr.startsWith('/ip4/127.') && !addr.startsWith('/ip6/::1/'))
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
  const services: Libp2pOptions<NodeServices & Record<string, unknown>>['services'] = {
    connectionGuard: guard.service,
    identify: identify(),
    ping: ping(),
    dht: kadService({ network: init.network, policy: init.policy, recordSweep: init.recordSweep, client: init.dhtClient })
  }
  const transports: NonNullable<Libp2pOptions['transports']> = [tcp(), webSockets()]
  const listen = [...init.listen]
  if (init.reach != null || init.relay != null) {
    const reach = await reachParts(init)
    transports.push(...reach.transports)
    Object.assign(services, reach.services)
    // Incoming WebRTC arrives through the relays this node reserves on (added after start).
    if (init.reach != null && init.reach.holePunch !== false) listen.push('/webrtc')
  }
  const metrics = nodeMetrics()
  const node = await metrics.build(async () => await createLibp2p({
    privateKey: init.privateKey,
    datastore,
    addresses: {
      listen,
      appendAnnounce: [...init.announce ?? []],
      announceFilter: announceInstead(init.announce ?? [], init.policy)
    },
    transports,
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionMonitor: CONNECTION_MONITOR,
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
    metrics: metrics.service,
    services
  })) as PeerShareNode
  const kad = new KadAdapter({ dht: node.services.dht, datastore, peerId: node.peerId, lookups: init.lookups }, { recordValidity: init.recordSweep?.validity })
  return { node, kad, metricsText: metrics.text }
}

/**
 * What the node tells others about itself. Given announce addresses, they
 * replace the listen addresses and whatever else was observed or mapped,
 * but not the addresses through relays (libp2p's own `announce` would drop
 * those too, and a lab instance behind its proxy, or a node behind a NAT
 * with an announced address, would not be reachable through its relay).
 */
function announceInstead (announce: readonly string[], policy: AddressPolicy): (addrs: Multiaddr[]) => Multiaddr[] {
  if (announce.length === 0) return policy.announceFilter
  const announced = new Set(announce.map(a => bare(multiaddr(a))))
  return addrs => policy.announceFilter(addrs.filter(ma => classifyAddress(ma) === 'relayed' || announced.has(bare(ma))))
}

/** An address without its /p2p/ part. */
function bare (ma: Multiaddr): string {
  return ma.decapsulateCode(CODE_P2P).toString()
}

/**
 * The reach transports and services, loaded only for a node that needs
 * them (WebRTC alone takes a second or two to load on a busy machine).
 * AutoNAT v2 both asks others to confirm this node's addresses and answers
 * such requests (a relay or bootstrap node is the one others ask).
 */
async function reachParts ({ reach, relay }: Pick<CreateNodeInit, 'reach' | 'relay'>): Promise<{ transports: NonNullable<Libp2pOptions['transports']>, services: Record<string, (components: any) => unknown> }> {
  const { autoNATv2 } = await import('@libp2p/autonat-v2')
  const services: Record<string, (components: any) => unknown> = { autonat: autoNATv2() }
  const transports: NonNullable<Libp2pOptions['transports']> = []
  if (relay != null) services.relay = (await import('./relay-service.js')).relayService(relay)
  if (reach != null) {
    const [{ circuitRelayTransport }, { uPnPNAT }, { reachControl }] = await Promise.all([
      import('@libp2p/circuit-relay-v2'),
      import('@libp2p/upnp-nat'),
      import('./reach-control.js')
    ])
    services.reach = reachControl()
    if (reach.upnp) services.upnp = uPnPNAT(UPNP_INIT)
    transports.push(circuitRelayTransport())
    if (reach.holePunch !== false) {
      const { webRTC } = await import('@libp2p/webrtc')
      transports.push(webRTC({ rtcConfiguration: { iceServers: iceServers(reach.stun) } }))
    }
  }
  return { transports, services }
}
