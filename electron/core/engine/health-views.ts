/**
 * The health views a person (the Network page, `peershare status`) reads:
 * connections with their path, latency and traffic; this node's addresses
 * and how reachable they make it; the DHT (routing table by k-bucket,
 * provider records held, announcements); totals and rates.
 */
import path from 'node:path'
import { rankAddresses } from '../node/address-policy.js'
import { connectionPath } from '../node/connection-path.js'
import { dhtProtocol } from '../node/kad.js'
import type { EngineParts } from './parts.js'
import type { PeerCounters } from './traffic.js'
import type { DhtView, HealthView, PeerView } from '../../../shared/index.js'
import type { Connection } from '@libp2p/interface'

/** What the views read. */
export type HealthParts = Pick<EngineParts, 'profileDir' | 'network' | 'startedAt' | 'node' | 'kad' | 'announcer' | 'library' | 'transfers' | 'traffic' | 'reachability' | 'access'>

/** A connection as the peers view shows it. */
export function peerViewOf (c: Connection, counters?: PeerCounters): PeerView {
  const { path, transport, relay } = connectionPath(c)
  return {
    peerId: c.remotePeer.toString(),
    addr: c.remoteAddr.toString(),
    direction: c.direction,
    path,
    transport,
    ...(relay != null ? { relay } : {}),
    ...(path === 'relayed' ? { limited: c.limits != null } : {}),
    latencyMs: c.rtt ?? null,
    openedAt: c.timeline.open,
    bytesIn: counters?.bytesIn ?? 0,
    bytesOut: counters?.bytesOut ?? 0
  }
}

/** Every open connection. */
export function peerViews (parts: Pick<HealthParts, 'node' | 'traffic'>): PeerView[] {
  return parts.node.getConnections().map(c => peerViewOf(c, parts.traffic.of(c.remotePeer.toString())))
}

/**
 * The DHT as the Network page shows it. Roots are named where this node
 * knows the share (its own, or one it downloads), so a person reads which
 * share a record or an announcement is about; a private share's locator is
 * named too, with the root it stands for, where this node holds its link.
 */
export async function dhtView (parts: Pick<HealthParts, 'network' | 'kad' | 'announcer' | 'library' | 'transfers' | 'access'>): Promise<DhtView> {
  const { kad } = parts
  const named = <T extends { readonly root: string }>(item: T): T & { name?: string, privateRoot?: string } => {
    const privateRoot = parts.access.rootOfLocator(item.root)
    const root = privateRoot ?? item.root
    const name = parts.library.manifestOf(root)?.name ?? parts.transfers.find(root)?.knownManifest()?.name
    return { ...item, ...(name == null ? {} : { name }), ...(privateRoot == null ? {} : { privateRoot }) }
  }
  return {
    mode: kad.mode,
    protocol: dhtProtocol(parts.network),
    routingTableSize: kad.routingTableSize(),
    kBucketSize: kad.k,
    buckets: kad.buckets(),
    providerRecords: (await kad.providerRecords()).map(named),
    announced: parts.announcer.states().map(named)
  }
}

/** The whole health snapshot. */
export async function healthView (parts: HealthParts): Promise<HealthView> {
  const addrs = parts.node.getMultiaddrs()
  const reach = parts.reachability.view()
  return {
    peerId: parts.node.peerId.toString(),
    profile: path.basename(parts.profileDir),
    network: parts.network,
    listenAddrs: addrs.map(ma => ma.toString()),
    announceAddrs: rankAddresses(addrs).map(ma => ma.toString()),
    reachability: reach.reachability,
    reach,
    connections: peerViews(parts),
    dht: await dhtView(parts),
    ...parts.traffic.totals(),
    startedAt: parts.startedAt,
    shares: parts.library.roots().length,
    activeTransfers: parts.transfers.activeCount()
  }
}
