/**
 * The one place PeerShare touches kad-dht: how it is configured, whether the
 * DHT has anyone to ask, announcing and withdrawing roots, finding providers
 * and closest peers, and the routing table and provider records the DHT
 * view and the inspector show.
 *
 * Gates use kad-dht's public routing-table size. Every query goes through
 * `traced` (kad-trace.ts), which hands each of kad-dht's query events,
 * stamped on arrival, to the lookup recorder (the inspector's ring buffer
 * of traces). The bucket
 * view, the routing table's peers (KAD-ID, last ping), its add/remove events,
 * the KAD-ID derivation and the provider records have no public interface,
 * so they read kad-dht's bucket trie, routing table and datastore layout;
 * each checks that it still finds them where this version keeps them and
 * logs once if an upgrade moved them (the views are then empty; nothing else
 * depends on them). test/core/node/kad.test.ts fails on such an upgrade, so
 * it is caught by `npm test`, not by users.
 */
import { kadDHT, type KadDHTComponents, type SingleKadDHT } from '@libp2p/kad-dht'
import { peerIdFromString } from '@libp2p/peer-id'
import { Key, type Datastore } from 'interface-datastore'
import { base32 } from 'multiformats/bases/base32'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import * as Digest from 'multiformats/hashes/digest'
import * as varint from 'uint8-varint'
import { KAD_INITIAL_QUERY_SELF_INTERVAL, KAD_RECORD_VALIDITY, PUBLIC_DHT_PROTOCOL, PUBLIC_NETWORK } from '../defaults.js'
import { log } from '../logger.js'
import { kadIdOfPeer, type DhtTarget, type KadId } from './kad-id.js'
import { traced, type KadQueryOptions, type LookupRecorder } from './kad-trace.js'
import type { AddressPolicy } from './address-policy.js'
import type { KBucketView, LookupOp, ProviderRecordView } from '../../../shared/index.js'
import type { AbortOptions, PeerId, PeerInfo } from '@libp2p/interface'

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
  /** Where lookups are recorded; default nowhere. */
  lookups?: LookupRecorder
}

export interface KadAdapterInit {
  /** How long a provider record lives, ms: kad-dht's validity as configured. Default KAD_RECORD_VALIDITY. */
  recordValidity?: number
}

/** A routing-table peer as the inspector reads it. */
export interface RoutingEntry {
  readonly peerId: string
  readonly kadId: KadId
  /** When kad-dht last pinged it successfully, ms; 0 if never. */
  readonly lastPing: number
  readonly bucket: { readonly prefix: string, readonly depth: number }
}

/** The parts of kad-dht's bucket trie the views read. */
interface TrieBucket {
  prefix: string
  depth: number
  peers?: Array<{ peerId: { toString(): string }, kadId?: unknown, lastPing?: unknown }>
  left?: TrieBucket
  right?: TrieBucket
}

/** The parts of kad-dht's routing table the inspector reads beyond the public size. */
interface RoutingTableInternals {
  size?: number
  kb?: { root?: TrieBucket, localPeer?: { kadId?: unknown } }
  addEventListener?: (type: string, listener: (evt: CustomEvent<PeerId>) => void) => void
  removeEventListener?: (type: string, listener: (evt: CustomEvent<PeerId>) => void) => void
}

/** What PeerShare asks of kad-dht. */
export class KadAdapter {
  private readonly components: KadAdapterComponents
  /** Internals found moved, each logged once. */
  private readonly moved = new Set<string>()
  private providerLayoutChecked = false
  private kadIdChecked = false
  /** How long a provider record lives, ms. */
  readonly recordValidity: number

  constructor (components: KadAdapterComponents, init: KadAdapterInit = {}) {
    this.components = components
    this.recordValidity = init.recordValidity ?? KAD_RECORD_VALIDITY
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
  async provide (cid: CID, options: KadQueryOptions): Promise<void> {
    const target: DhtTarget = { kind: 'root', text: cid.toString(), key: cid.multihash.bytes, cid }
    for await (const _ of traced(this.components.lookups, 'provide', target, options, o => this.components.dht.provide(cid, o))) { /* kad-dht announces as the query runs */ }
    if (!this.providerLayoutChecked) {
      this.providerLayoutChecked = true
      if (!await this.components.datastore.has(providerKey(cid, this.components.peerId), options)) {
        this.reportMoved('provider records', 'the DHT view lists none')
      }
    }
  }

  /** Providers of `cid` as the DHT names them (this node's own records first). */
  async * findProviders (cid: CID, options: KadQueryOptions): AsyncGenerator<PeerInfo> {
    const target: DhtTarget = { kind: 'root', text: cid.toString(), key: cid.multihash.bytes, cid }
    for await (const event of traced(this.components.lookups, 'find-providers', target, options, o => this.components.dht.findProviders(cid, o))) {
      if (event.name === 'PROVIDER') yield * event.providers
    }
  }

  /** The closest peers to a key that answered, closest first (kad-dht's FINAL_PEER events). */
  async closestPeers (target: DhtTarget, options: KadQueryOptions): Promise<PeerInfo[]> {
    const out: PeerInfo[] = []
    for await (const event of traced(this.components.lookups, 'closest', target, options, o => this.components.dht.getClosestPeers(target.key, o))) {
      if (event.name === 'FINAL_PEER') out.push(event.peer)
    }
    return out
  }

  /** Runs one lookup to its end, for a trace. */
  async lookup (op: LookupOp, target: DhtTarget, options: KadQueryOptions): Promise<void> {
    if (op === 'closest') {
      await this.closestPeers(target, options)
      return
    }
    if (target.cid == null) throw new TypeError(`${op} needs a root, not a PeerId`)
    if (op === 'provide') await this.provide(target.cid, options)
    else for await (const _ of this.findProviders(target.cid, options)) { /* the trace records each event */ }
  }

  /** Stops announcing `cid`: drops kad-dht's own provider record, which its sweep would re-announce. */
  async withdraw (cid: CID, options: AbortOptions): Promise<void> {
    await this.components.dht.cancelReprovide(cid, options)
  }

  /** The leaf k-buckets of the routing table, for the bucket view. */
  buckets (): KBucketView[] {
    return this.leaves().map(b => ({ prefix: b.prefix, depth: b.depth, peers: (b.peers ?? []).map(p => p.peerId.toString()) }))
  }

  /** kad-dht's routing table, with the internals the inspector reads. */
  private table (): RoutingTableInternals | undefined {
    return (this.components.dht as { routingTable?: RoutingTableInternals }).routingTable
  }

  /** The leaf buckets of kad-dht's trie; empty (and said once) if the trie moved. */
  private leaves (): TrieBucket[] {
    const root = this.table()?.kb?.root
    if (!isBucket(root)) {
      this.reportMoved('routingTable.kb.root', 'the bucket view is empty')
      return []
    }
    const out: TrieBucket[] = []
    const walk = (b: TrieBucket | undefined): void => {
      if (!isBucket(b)) return
      if (b.peers != null) {
        out.push(b)
        return
      }
      walk(b.left)
      walk(b.right)
    }
    walk(root)
    const walked = out.reduce((n, b) => n + (b.peers?.length ?? 0), 0)
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

  /**
   * Every routing-table peer with its KAD-ID, last ping and bucket. kad-dht's
   * own KAD-ID of this node is checked once against PeerShare's derivation,
   * so the inspector's distances are kad-dht's.
   */
  routingEntries (): RoutingEntry[] {
    const table = this.table()
    if (!this.kadIdChecked && table?.kb?.localPeer != null) {
      this.kadIdChecked = true
      const own = table.kb.localPeer.kadId
      const ours = kadIdOfPeer(this.components.peerId)
      if (!(own instanceof Uint8Array) || Buffer.compare(own, ours) !== 0) this.reportMoved('routingTable.kb.localPeer.kadId (KAD-ID derivation)', 'the inspector\'s distances may be wrong')
    }
    const out: RoutingEntry[] = []
    for (const bucket of this.leaves()) {
      for (const p of bucket.peers ?? []) {
        if (!(p.kadId instanceof Uint8Array) || typeof p.lastPing !== 'number') {
          this.reportMoved('routing table peers (kadId, lastPing)', 'the inspector\'s routing table is empty')
          return []
        }
        out.push({ peerId: p.peerId.toString(), kadId: p.kadId, lastPing: p.lastPing, bucket: { prefix: bucket.prefix, depth: bucket.depth } })
      }
    }
    return out
  }

  /** Tells `listener` of every peer added to or removed from the routing table; returns the way to stop. */
  onRoutingChange (listener: (kind: 'added' | 'removed', peerId: string) => void): () => void {
    const table = this.table()
    if (typeof table?.addEventListener !== 'function' || typeof table.removeEventListener !== 'function') {
      this.reportMoved('routingTable peer:add/peer:remove events', 'additions and evictions are not recorded')
      return () => {}
    }
    const added = (evt: CustomEvent<PeerId>): void => { listener('added', evt.detail.toString()) }
    const removed = (evt: CustomEvent<PeerId>): void => { listener('removed', evt.detail.toString()) }
    table.addEventListener('peer:add', added)
    table.addEventListener('peer:remove', removed)
    return () => {
      table.removeEventListener?.('peer:add', added)
      table.removeEventListener?.('peer:remove', removed)
    }
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
