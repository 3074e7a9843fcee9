/**
 * The live routing table as the inspector shows it: each leaf k-bucket of
 * kad-dht's trie with the bits its peers share with this node, and each
 * peer with when it was last heard from, whether it is connected, its
 * round-trip time, how it is reached and its agent.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { classifyAddress, rankAddresses } from '../node/address-policy.js'
import { commonPrefixLength, kadIdOfPeer, toHex, type KadId } from '../node/kad-id.js'
import type { KadAdapter, RoutingEntry } from '../node/kad.js'
import type { RoutingWatch } from './routing-watch.js'
import type { RoutingBucketView, RoutingPeerView, RoutingTableView } from '../../../shared/index.js'
import type { Libp2p, Peer } from '@libp2p/interface'

export interface RoutingViewParts {
  readonly kad: Pick<KadAdapter, 'routingEntries' | 'k'>
  readonly node: Pick<Libp2p, 'peerId' | 'getConnections' | 'peerStore'>
  readonly watch: Pick<RoutingWatch, 'joined' | 'heard' | 'recent' | 'activity'>
}

/** The routing table now. */
export async function routingTableView (parts: RoutingViewParts): Promise<RoutingTableView> {
  const self = kadIdOfPeer(parts.node.peerId)
  const entries = parts.kad.routingEntries()
  const byBucket = new Map<string, { prefix: string, depth: number, peers: RoutingPeerView[] }>()
  for (const entry of entries) {
    const key = `${entry.bucket.prefix}/${entry.bucket.depth}`
    let bucket = byBucket.get(key)
    if (bucket == null) byBucket.set(key, bucket = { ...entry.bucket, peers: [] })
    bucket.peers.push(await peerView(parts, entry, self))
  }
  const buckets: RoutingBucketView[] = [...byBucket.values()].map(b => {
    // Peers of a bucket off this node's branch all share exactly the bits before the branch point.
    const cpl = Math.min(commonPrefixLength(prefixBits(b.prefix), self), b.depth)
    return { prefix: b.prefix, depth: b.depth, cpl, own: cpl === b.depth, peers: b.peers.sort((x, y) => y.cpl - x.cpl) }
  }).sort((a, b) => a.cpl - b.cpl || a.prefix.localeCompare(b.prefix))
  return {
    peerId: parts.node.peerId.toString(),
    kadId: toHex(self),
    k: parts.kad.k,
    size: entries.length,
    buckets,
    changes: parts.watch.recent(),
    activity: parts.watch.activity()
  }
}

async function peerView (parts: RoutingViewParts, entry: RoutingEntry, self: KadId): Promise<RoutingPeerView> {
  const connections = parts.node.getConnections().filter(c => c.remotePeer.toString() === entry.peerId)
  const connection = connections.find(c => c.rtt != null) ?? connections[0]
  let stored: Peer | undefined
  try {
    stored = await parts.node.peerStore.get(connection?.remotePeer ?? peerIdFromString(entry.peerId))
  } catch {}
  const agent = stored?.metadata.get('AgentVersion')
  const best = rankAddresses(stored?.addresses.map(a => a.multiaddr) ?? [])[0]
  const seen = [entry.lastPing > 0 ? entry.lastPing : null, parts.watch.heard(entry.peerId), parts.watch.joined(entry.peerId)].filter((t): t is number => t != null)
  return {
    peerId: entry.peerId,
    cpl: commonPrefixLength(entry.kadId, self),
    lastSeen: connection != null ? Date.now() : seen.length > 0 ? Math.max(...seen) : null,
    connected: connection != null,
    rttMs: connection?.rtt ?? null,
    addressClass: connection != null ? (connection.limits != null ? 'relayed' : classifyAddress(connection.remoteAddr)) : best != null ? classifyAddress(best) : 'unknown',
    agent: agent == null ? null : new TextDecoder().decode(agent),
    addedAt: parts.watch.joined(entry.peerId)
  }
}

/** A bucket prefix ('0101') as the first bytes of an ID, zero-padded. */
function prefixBits (prefix: string): KadId {
  const out = new Uint8Array(32)
  for (let i = 0; i < prefix.length && i < 256; i++) if (prefix[i] === '1') out[i >> 3] |= 0x80 >> (i & 7)
  return out
}
