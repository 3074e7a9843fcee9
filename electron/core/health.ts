/**
 * Builds the health snapshot: connections with path and latency, the DHT
 * routing table by k-bucket, and the provider records this node holds.
 * kad-dht does not expose its routing table through its public interface;
 * `routingTableOf` reads the one field it needs and degrades to an empty
 * table if a later kad-dht moves it.
 */
import { CID } from 'multiformats/cid'
import { base32 } from 'multiformats/bases/base32'
import * as raw from 'multiformats/codecs/raw'
import * as Digest from 'multiformats/hashes/digest'
import { classifyAddress } from './node/address-policy.js'
import type { KBucketView, PeerView, ProviderRecordView } from '../../shared/index.js'
import type { Connection } from '@libp2p/interface'
import type { Datastore } from 'interface-datastore'

/** The parts of kad-dht's routing table trie this view reads. */
interface TrieBucket {
  prefix: string
  depth: number
  peers?: Array<{ peerId: { toString(): string } }>
  left?: TrieBucket
  right?: TrieBucket
}

interface RoutingTableLike {
  routingTable?: { kb?: { root?: TrieBucket }, size?: number }
}

/** The leaf k-buckets of a kad-dht instance's routing table. */
export function routingTableOf (dht: unknown): KBucketView[] {
  const root = (dht as RoutingTableLike)?.routingTable?.kb?.root
  const out: KBucketView[] = []
  const walk = (b: TrieBucket | undefined): void => {
    if (b == null) return
    if (b.peers != null) {
      out.push({ prefix: b.prefix, depth: b.depth, peers: b.peers.map(p => p.peerId.toString()) })
      return
    }
    walk(b.left)
    walk(b.right)
  }
  walk(root)
  return out
}

/** Provider records held in the DHT's datastore (keys /dht/provider/<multihash>/<peer>). */
export async function providerRecordsOf (datastore: Datastore, limit = 1000): Promise<ProviderRecordView[]> {
  const out: ProviderRecordView[] = []
  for await (const { key, value } of datastore.query({ prefix: '/dht/provider/' })) {
    const parts = key.toString().split('/')
    const [mh, provider] = parts.slice(-2)
    let root = mh
    try {
      root = CID.createV1(raw.code, Digest.decode(base32.baseDecode(mh.toLowerCase()))).toString()
    } catch {}
    out.push({ root, provider, receivedAt: readVarint(value) })
    if (out.length >= limit) break
  }
  return out
}

function readVarint (buf: Uint8Array): number | undefined {
  let value = 0
  let scale = 1
  for (let i = 0; i < buf.length && i < 8; i++) {
    value += (buf[i] & 0x7f) * scale
    if ((buf[i] & 0x80) === 0) return value
    scale *= 128
  }
  return undefined
}

/** Per-peer payload counters kept by the engine. */
export interface PeerCounters { bytesIn: number, bytesOut: number }

/** A connection as the peers view shows it. */
export function peerViewOf (c: Connection, counters?: PeerCounters): PeerView {
  return {
    peerId: c.remotePeer.toString(),
    addr: c.remoteAddr.toString(),
    direction: c.direction,
    path: c.limits != null ? 'relayed' : classifyAddress(c.remoteAddr),
    latencyMs: c.rtt ?? null,
    openedAt: c.timeline.open,
    bytesIn: counters?.bytesIn ?? 0,
    bytesOut: counters?.bytesOut ?? 0
  }
}
