/**
 * The DHT inspector's views: the live routing table, lookup traces, the
 * keyspace around a key, provider records with their expiry, the doctor's
 * diagnosis of a share and where the metrics are served. Plain readonly
 * JSON like views.ts; the engine makes them, the UI, the CLI and the lab
 * read them. Times are ms since the epoch unless a name says otherwise;
 * KAD-IDs (SHA-256 of a key or a peer's multihash) are lowercase hex.
 */
import type { PeerView } from './network-views.js'

// ── Routing table ───────────────────────────────────────────────────────────

/** One peer of the routing table. */
export interface RoutingPeerView {
  readonly peerId: string
  /** Bits its KAD-ID shares with this node's, from the top: the Kademlia bucket it belongs to. */
  readonly cpl: number
  /** When it was last heard from (a ping, an answer to a query, a connection), or null if never since start. */
  readonly lastSeen: number | null
  readonly connected: boolean
  /** Round-trip time of its connection, ms, or null when not connected or not yet measured. */
  readonly rttMs: number | null
  /** How it is reached: its connection's path, else its best known address's class; 'unknown' without addresses. */
  readonly addressClass: PeerView['path'] | 'unknown'
  /** Its agent version as identify reported it, or null. */
  readonly agent: string | null
  /** When it joined the table, if that happened since this node started. */
  readonly addedAt: number | null
}

/** One leaf k-bucket of the routing table's trie. */
export interface RoutingBucketView {
  /** The bucket's binary prefix of the KAD-ID space ('' for the whole space). */
  readonly prefix: string
  readonly depth: number
  /**
   * Bits every peer in it shares with this node's KAD-ID. For the bucket on
   * this node's own branch, the peers share at least this many (`own`).
   */
  readonly cpl: number
  readonly own: boolean
  readonly peers: readonly RoutingPeerView[]
}

/** A peer joined or left the routing table. */
export interface RoutingChangeView {
  readonly at: number
  readonly kind: 'added' | 'removed'
  readonly peerId: string
  readonly cpl: number
}

/** Additions and removals per interval, oldest first. */
export interface RoutingActivityView {
  /** Length of one interval, ms. */
  readonly intervalMs: number
  /** Start of each interval. */
  readonly starts: readonly number[]
  readonly added: readonly number[]
  readonly removed: readonly number[]
}

/** The routing table as it is now, and how it changed. */
export interface RoutingTableView {
  readonly peerId: string
  readonly kadId: string
  /** Peers per bucket at most. */
  readonly k: number
  readonly size: number
  readonly buckets: readonly RoutingBucketView[]
  /** The latest changes, newest last. */
  readonly changes: readonly RoutingChangeView[]
  readonly activity: RoutingActivityView
}

// ── Lookups ─────────────────────────────────────────────────────────────────

/** What a lookup does: find who provides a root, find the peers closest to a key, or announce a root to them. */
export type LookupOp = 'find-providers' | 'closest' | 'provide'

export const LOOKUP_OPS: readonly LookupOp[] = ['find-providers', 'closest', 'provide']

/** Why the engine made a lookup. */
export type LookupCause = 'trace' | 'discovery' | 'lookup' | 'announce' | 'doctor'

/** What came back from one request. */
export type LookupOutcome = 'closer' | 'providers' | 'stored' | 'error' | 'no-answer'

/** One request of a lookup to one peer. */
export interface LookupRequestView {
  /** 1 for a peer taken from this node's own table; one more than its referrer's otherwise. */
  readonly hop: number
  readonly peerId: string
  /** The peer whose answer first named it, or null when it came from this node's routing table. */
  readonly via: string | null
  /** Bits its KAD-ID shares with the key's. */
  readonly cpl: number
  /** The disjoint path it was asked on (kad-dht numbers them from 0). */
  readonly path: number
  /** The DHT message sent: GET_PROVIDERS, FIND_NODE, ADD_PROVIDER, … */
  readonly message: string
  /** When the request began (the dial), and ms until the answer or error; null if none came. */
  readonly startedAt: number
  readonly ms: number | null
  readonly outcome: LookupOutcome
  /** Peers it named as closer to the key. */
  readonly closer: readonly string[]
  /** Providers it named. */
  readonly providers: readonly string[]
  readonly error?: string
}

/** What a lookup found. */
export interface LookupSummaryView {
  readonly requests: number
  readonly answered: number
  readonly failed: number
  /** The highest hop asked. */
  readonly hops: number
  readonly paths: number
  /** The first provider another peer named (even one this node's records held): who, on which hop's answer, how long after the start. */
  readonly firstProvider: { readonly peerId: string, readonly from: string, readonly hop: number, readonly ms: number } | null
  /** Every provider named, this node's own records first. */
  readonly providers: readonly string[]
  /** Providers this node knew from its own records before asking anyone. */
  readonly localProviders: readonly string[]
  /** The closest peers that answered (closest and provide), closest first. */
  readonly closest: readonly string[]
  /** (provide) Peers that took the provider record. */
  readonly stored: readonly string[]
}

/** One lookup, request by request. */
export interface LookupTraceView {
  readonly id: string
  readonly op: LookupOp
  /** The root (CID) or PeerId looked up. */
  readonly target: string
  readonly targetKind: 'root' | 'peer'
  /** The key's KAD-ID. */
  readonly kadId: string
  readonly cause: LookupCause
  /** The node that made it. */
  readonly self: string
  readonly startedAt: number
  readonly endedAt: number | null
  readonly state: 'running' | 'done' | 'failed'
  readonly error?: string
  readonly requests: readonly LookupRequestView[]
  /** Requests left out past the trace's limit. */
  readonly droppedRequests: number
  readonly summary: LookupSummaryView
}

/** The lookups an instance remembers, as `peershare dht lookups --json` and the UI's export write them. */
export interface LookupTraceExport {
  readonly format: 'peershare-lookup-traces'
  readonly version: 1
  readonly peerId: string
  readonly exportedAt: number
  readonly traces: readonly LookupTraceView[]
}

// ── Keyspace ────────────────────────────────────────────────────────────────

/** Something placed in the keyspace. */
export interface KeyspacePointView {
  readonly kind: 'self' | 'peer' | 'announced' | 'record'
  /** A PeerId, or a root for keys. */
  readonly id: string
  readonly kadId: string
  /** Bits shared with the chosen key. */
  readonly cpl: number
  /** log2 of the XOR distance to the key (0–256; smaller is closer), -1 for the key itself. */
  readonly log2Distance: number
  /** (self, peer) One of the k closest peers this node knows of. */
  readonly closest: boolean
  /** A share's name where this node knows it. */
  readonly name?: string
}

/** This node's view of the keyspace around one key. */
export interface KeyspaceView {
  readonly key: string
  readonly keyKind: 'root' | 'peer'
  readonly kadId: string
  readonly k: number
  /** Closest first. */
  readonly points: readonly KeyspacePointView[]
}

// ── Provider records ────────────────────────────────────────────────────────

/** A provider record this node holds. */
export interface ProviderRecordDetailView {
  readonly root: string
  readonly provider: string
  /** The record says this node provides the root. */
  readonly self: boolean
  readonly receivedAt: number | null
  /** When the record lapses unless it is announced again. */
  readonly expiresAt: number | null
  /** The share's name, where this node shares or downloads it. */
  readonly name: string | null
}

// ── Doctor ──────────────────────────────────────────────────────────────────

/** How one step of a diagnosis went. */
export type DoctorStepResult = 'pass' | 'warn' | 'fail' | 'skip'

export interface DoctorStepView {
  readonly name: string
  readonly result: DoctorStepResult
  readonly ms: number
  /** What was found, in words. */
  readonly detail: string
}

/** Is a share reachable, and if not, why not. */
export interface DoctorReportView {
  readonly root: string
  readonly startedAt: number
  readonly steps: readonly DoctorStepView[]
  /** true when a chunk was fetched and verified. */
  readonly ok: boolean
  /** The conclusion, in words, with what to do next. */
  readonly verdict: string
  /** The lookup the diagnosis made, when it asked the DHT. */
  readonly traceId: string | null
}

// ── Metrics ─────────────────────────────────────────────────────────────────

/** Where the loopback API serves metrics: GET, the profile's secret as for any command. */
export const METRICS_PATH = '/api/metrics'

/** The node's metrics in Prometheus text format. */
export interface MetricsView {
  readonly contentType: string
  readonly text: string
}
