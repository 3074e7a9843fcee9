/**
 * The one place PeerShare touches kad-dht: how it is configured, whether the
 * DHT has anyone to ask, announcing and withdrawing roots, and the routing
 * table and provider records the DHT view shows.
 *
 * Gates use kad-dht's public routing-table size. The bucket view and the
 * provider records have no public interface, so they read kad-dht's bucket
 * trie and datastore layout; each checks that it still finds them where this
 * version keeps them and logs once if an upgrade moved them (the views are
 * then empty; nothing else depends on them). test/core/node/kad.test.ts fails
 * on such an upgrade, so it is caught by `npm test`, not by users.
 */
import { kadDHT, type KadDHTComponents, type SingleKadDHT } from '@libp2p/kad-dht'
import { peerIdFromString } from '@libp2p/peer-id'
import { Key, type Datastore } from 'interface-datastore'
import { base32 } from 'multiformats/bases/base32'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import * as Digest from 'multiformats/hashes/digest'
import * as varint from 'uint8-varint'
import { KAD_INITIAL_QUERY_SELF_INTERVAL, PUBLIC_DHT_PROTOCOL, PUBLIC_NETWORK } from '../defaults.js'
import { log } from '../logger.js'
import type { AddressPolicy } from './address-policy.js'
import type { KBucketView, ProviderRecordView } from '../../../shared/index.js'
import type { AbortOptions, PeerId } from '@libp2p/interface'

const logger = log('dht')

/** Where kad-dht keeps its records in the node's datastore (its `datastorePrefix` option, set here). */
const DATASTORE_PREFIX = '/dht'
/** kad-dht's provider records: `<prefix>/provider/<base32 multihash>/<peer id>` → varint ms timestamp. */
const PROVIDER_PREFIX = `${DATASTORE_PREFIX}/provider/`

/** The DHT protocol for a network name; the public network is the IPFS DHT. */
export function dhtProtocol (network: string): string {
  return network === PUBLIC_NETWORK ? PUBLIC_DHT_PROTOCOL : `/${network}/kad/1.0.0`
}

export interface KadServiceInit {
  /** Network name; the DHT protocol is /<network>/kad/1.0.0. */
  network: string
  policy: AddressPolicy
  /**
   * kad-dht's own sweep of provider records: how often it runs, ms (default
   * kad-dht's, an hour) and how long a record lives, ms (default kad-dht's,
   * 48 h). Tests shorten both to see what the sweep would do in a day.
   */
  recordSweep?: { interval?: number, validity?: number }
  /**
   * Client mode: the node asks the DHT but does not answer for it, so others
   * never add it to their routing tables. For a node that is gone again
   * soon. Default false (server mode).
   */
  client?: boolean
}

/**
 * The kad-dht service of a PeerShare node. PeerShare's announcer is the one
 * schedule of announcements: kad-dht's sweep only re-announces a record of
 * ours that has expired (threshold 0), which never happens to a root the
 * announcer keeps, and a withdrawn root has no record left to re-announce.
 */
export function kadService (init: KadServiceInit): (components: KadDHTComponents) => SingleKadDHT {
  // kadDHT() is declared to return KadDHT; what it builds is the SingleKadDHT of the same types (public routingTable).
  return kadDHT({
    protocol: dhtProtocol(init.network),
    logPrefix: 'peershare:dht:kad',
    datastorePrefix: DATASTORE_PREFIX,
    clientMode: init.client ?? false,
    peerInfoMapper: init.policy.mapPeerInfo,
    // Small swarms (a LAN, a test) need answers quickly after start.
    initialQuerySelfInterval: KAD_INITIAL_QUERY_SELF_INTERVAL,
    reprovide: { threshold: 0, ...init.recordSweep }
  }) as (components: KadDHTComponents) => SingleKadDHT
}

export interface KadAdapterComponents {
  dht: SingleKadDHT
  /** The node's datastore, where kad-dht keeps provider records. */
  datastore: Datastore
  peerId: PeerId
}

/** The parts of kad-dht's bucket trie the bucket view reads. */
interface TrieBucket {
  prefix: string
  depth: number
  peers?: Array<{ peerId: { toString(): string } }>
  left?: TrieBucket
  right?: TrieBucket
}

/** What PeerShare asks of kad-dht. */
export class KadAdapter {
  private readonly components: KadAdapterComponents
  /** Internals found moved, each logged once. */
  private readonly moved = new Set<string>()
  private providerLayoutChecked = false

  constructor (components: KadAdapterComponents) {
    this.components = components
  }

  /** Whether this node answers DHT queries. */
  get mode (): 'client' | 'server' {
    return this.components.dht.getMode()
  }

  /** Peers per k-bucket at most. */
  get k (): number {
    return this.components.dht.k
  }

  /** Peers in the routing table: nobody to ask or tell while it is 0. */
  routingTableSize (): number {
    // Public in kad-dht's types, but kadService's cast is unchecked: a kad-dht that dropped it must not stop announcing silently.
    const size: unknown = (this.components.dht as Partial<SingleKadDHT>).routingTable?.size
    if (typeof size === 'number') return size
    this.reportMoved('routingTable.size', 'announcing and DHT lookups are off')
    return 0
  }

  /**
   * Server (answers other peers' queries) or client (only asks). A node that
   * others cannot dial is no use as a server: peers would put it in their
   * routing tables and time out on it.
   */
  async setMode (mode: 'client' | 'server'): Promise<void> {
    if (this.components.dht.getMode() !== mode) await this.components.dht.setMode(mode)
  }

  /** Announces that this node provides `cid`; kad-dht also keeps a provider record of its own for it. */
  async provide (cid: CID, options: AbortOptions): Promise<void> {
    for await (const _ of this.components.dht.provide(cid, options)) { /* kad-dht announces as the query runs */ }
    if (!this.providerLayoutChecked) {
      this.providerLayoutChecked = true
      if (!await this.components.datastore.has(providerKey(cid, this.components.peerId), options)) {
        this.reportMoved('provider records', 'the DHT view lists none')
      }
    }
  }

  /** Stops announcing `cid`: drops kad-dht's own provider record, which its sweep would re-announce. */
  async withdraw (cid: CID, options: AbortOptions): Promise<void> {
    await this.components.dht.cancelReprovide(cid, options)
  }

  /** The leaf k-buckets of the routing table, for the bucket view. */
  buckets (): KBucketView[] {
    const root = (this.components.dht as { routingTable?: { kb?: { root?: TrieBucket } } }).routingTable?.kb?.root
    if (!isBucket(root)) {
      this.reportMoved('routingTable.kb.root', 'the bucket view is empty')
      return []
    }
    const out: KBucketView[] = []
    const walk = (b: TrieBucket | undefined): void => {
      if (!isBucket(b)) return
      if (b.peers != null) {
        out.push({ prefix: b.prefix, depth: b.depth, peers: b.peers.map(p => p.peerId.toString()) })
        return
      }
      walk(b.left)
      walk(b.right)
    }
    walk(root)
    const walked = out.reduce((n, b) => n + b.peers.length, 0)
    if (walked !== this.routingTableSize()) this.reportMoved('routingTable.kb.root', 'the bucket view may be wrong')
    return out
  }

  /** Provider records this node holds (its own and other peers'), at most `limit`. */
  async providerRecords (limit = 1000): Promise<ProviderRecordView[]> {
    const out: ProviderRecordView[] = []
    for await (const { key, value } of this.components.datastore.query({ prefix: PROVIDER_PREFIX })) {
      const record = parseProviderRecord(key, value)
      if (record == null) {
        this.reportMoved('provider records', 'some are left out of the DHT view')
        continue
      }
      out.push(record)
      if (out.length >= limit) break
    }
    return out
  }

  /** kad-dht internals this adapter looked for and did not find (empty when all is where it expects). */
  movedInternals (): string[] {
    return [...this.moved]
  }

  private reportMoved (what: string, consequence: string): void {
    if (this.moved.has(what)) return
    this.moved.add(what)
    logger.error('the installed kad-dht no longer keeps %s where PeerShare reads it, so %s; update electron/core/node/kad.ts', what, consequence)
  }
}

function isBucket (b: unknown): b is TrieBucket {
  const t = b as TrieBucket | undefined
  return t != null && typeof t.prefix === 'string' && typeof t.depth === 'number' && (Array.isArray(t.peers) || (t.left != null && t.right != null))
}

function providerKey (cid: CID, peer: PeerId): Key {
  return new Key(`${PROVIDER_PREFIX}${base32.baseEncode(cid.multihash.bytes)}/${peer.toString()}`)
}

/** One provider record, or undefined when its key or value is not laid out as expected. */
function parseProviderRecord (key: Key, value: Uint8Array): ProviderRecordView | undefined {
  const [mh, provider] = key.toString().slice(PROVIDER_PREFIX.length).split('/')
  try {
    const root = CID.createV1(raw.code, Digest.decode(base32.baseDecode(mh))).toString()
    peerIdFromString(provider)
    return { root, provider, receivedAt: varint.decode(value) }
  } catch {
    return undefined
  }
}
