/**
 * Every default of the engine in one place: the network it joins, the
 * settings a new profile starts with, and the timings of discovery,
 * announcements, transfers and the protocol. Modules import what they use
 * from here; a test or a host overrides through each module's init. The
 * deadlines clients rely on are the contract's (shared/api.ts) and are read
 * from there.
 */
import os from 'node:os'
import path from 'node:path'
import { API_DEADLINES, type SettingsValues } from '../../shared/index.js'

// ── Network ─────────────────────────────────────────────────────────────────

/** The DHT network a node joins unless told otherwise; the DHT protocol is /<network>/kad/1.0.0. */
export const DEFAULT_NETWORK = 'peershare'
/** How often mDNS asks the LAN for peers, ms. */
export const MDNS_INTERVAL = 10_000
/** How often bootstrap peers that are not connected are dialed again, ms (also each dial's deadline). */
export const BOOTSTRAP_RETRY = 10_000
/** Deadline for dialing a peer that discovery (mDNS) found, ms. */
export const DISCOVERED_DIAL_TIMEOUT = 10_000
/**
 * How long after start a node connected to nobody is still expected to find
 * someone (mDNS answers, bootstrap dials) before a lookup or download of a
 * bare root is told at once that there is nobody to ask, ms.
 */
export const NO_CONNECTIONS_GRACE = 5_000

// ── Connection limits (js-libp2p's DoS guidance, doc/LIMITS.md) ─────────────

/** Connections in all; libp2p refuses inbound ones past it. */
export const MAX_CONNECTIONS = 300
/** Connections one peer may hold: two nodes dialling each other at once make two, a few more is never needed. */
export const MAX_CONNECTIONS_PER_PEER = 4
/** Inbound connections from one IP address (loopback exempt: several instances on one machine). */
export const MAX_CONNECTIONS_PER_ADDRESS = 32
/** Handshakes under way at once; a raw socket that never speaks holds one until INBOUND_UPGRADE_TIMEOUT. */
export const MAX_INCOMING_PENDING_CONNECTIONS = 64
/** New inbound connections one IP address may open per second. */
export const INBOUND_CONNECTION_THRESHOLD = 5
/**
 * Deadline of an inbound connection's encryption and multiplexer handshake, ms.
 * One address can hold at most INBOUND_CONNECTION_THRESHOLD × this / 1000
 * handshakes open, well under MAX_INCOMING_PENDING_CONNECTIONS.
 */
export const INBOUND_UPGRADE_TIMEOUT = 5_000
/** Past this many connections, those idle (no streams) at two looks in a row are closed. */
export const CONNECTION_PRUNE_THRESHOLD = 200
/** How often idle connections are looked for, ms. */
export const CONNECTION_PRUNE_INTERVAL = 10_000

// ── Reach: NATs, relays, hole punching ──────────────────────────────────────

/** The network name that means the public IPFS network (`--network public`, or the publicNetwork setting). */
export const PUBLIC_NETWORK = 'public'
/** The public network's DHT protocol. */
export const PUBLIC_DHT_PROTOCOL = '/ipfs/kad/1.0.0'
/** The public network's standard bootstrap list (IPFS's), used when no bootstrap address is given. */
export const PUBLIC_BOOTSTRAP: readonly string[] = [
  '/dnsaddr/bootstrap.libp2p.io/p2p/QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN',
  '/dnsaddr/bootstrap.libp2p.io/p2p/QmQCU2EcMqAqQPR2i9bChDtGNJchTbq5TbXJJ16u19uLTa',
  '/dnsaddr/bootstrap.libp2p.io/p2p/QmbLHAnMoJPWSCR5Zhtx6BHJX9KiKNN6tpvbUcqanj75Nb',
  '/dnsaddr/bootstrap.libp2p.io/p2p/QmcZf59bWwK5XFi76CZX8cbJ4BhTzzA3gU1ZjYZcYW3dwt',
  '/ip4/104.131.131.82/tcp/4001/p2p/QmaCpDMGvV2BGHeYERUEnRQAwe3N8SzbUtfsmvsqQLuvuJ'
]
/** Public STUN servers WebRTC asks on the public network when none is given. */
export const PUBLIC_STUN: readonly string[] = ['stun:stun.l.google.com:19302', 'stun:global.stun.twilio.com:3478']
/** The STUN port of a PeerShare relay (`peershare relay` serves STUN there unless told otherwise); RFC 5389's. */
export const RELAY_STUN_PORT = 3478
/** Relay reservations a node behind a NAT keeps. */
export const MAX_RELAYS = 2
/** How long a relay reservation may take before the next relay is tried, ms. */
export const RELAY_RESERVE_TIMEOUT = 15_000
/** How often relays are looked after (a lost reservation replaced, a relay that said no asked again), ms. */
export const RELAY_CHECK_INTERVAL = 5_000
/** A relay that gave no reservation is asked again after this long, ms. */
export const RELAY_RETRY = 30_000
/** How long after the first public peer appears AutoNAT may take before the node counts as behind a NAT, ms. */
export const AUTONAT_GRACE = 10_000
/** How often a node asks the STUN servers again how its NAT maps connections, ms. */
export const NAT_PROBE_INTERVAL = 10 * 60_000
/** When no STUN server answered, how soon to ask again, ms. */
export const NAT_PROBE_RETRY = 60_000
/** Deadline of the upgrade of a relayed connection to a direct one (a WebRTC hole punch takes 1–6 s), ms. */
export const UPGRADE_TIMEOUT = 20_000
/** After an upgrade to a peer failed, how long before a new relayed connection to it tries again, ms. */
export const UPGRADE_RETRY = 5 * 60_000
/** How long a transfer waits for an upgrade under way before it moves data over a relayed connection, ms. */
export const UPGRADE_WAIT = 25_000
/** How long a download with no usable source and a known reason (a relay's limit, no direct path) goes on before it fails with that reason, ms. */
export const UNREACHABLE_GIVE_UP = 10_000

// ── Profile settings ────────────────────────────────────────────────────────

/** The name of the profile a plain start uses (`npm start`, the desktop app). */
export const DEFAULT_PROFILE_NAME = 'default'

/**
 * Where a profile's downloads go until its settings say otherwise:
 * `~/Downloads/PeerShare` for the default profile and
 * `~/Downloads/PeerShare (<profile name>)` for any other, so that several
 * profiles on one machine never mix their downloads.
 */
export function defaultDownloadDir (profileDir: string, home: string = os.homedir()): string {
  const name = path.basename(path.resolve(profileDir))
  const base = path.join(home, 'Downloads', 'PeerShare')
  if (name === DEFAULT_PROFILE_NAME) return base
  // A profile's folder name may hold what another system cannot have in a file name.
  // eslint-disable-next-line no-control-regex -- control characters are among what it replaces
  const safe = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').trim().slice(0, 64)
  return `${base} (${safe === '' ? 'profile' : safe})`
}

/**
 * The name a profile's instance shows other devices until its settings say
 * otherwise: the machine's host name, plus the profile's name when it is
 * not the default one, so two profiles on one machine are told apart.
 */
export function defaultDeviceName (profileDir: string, hostname: string = os.hostname()): string {
  const host = hostname.split('.')[0].trim().slice(0, 40) || 'PeerShare'
  const name = path.basename(path.resolve(profileDir))
  if (name === DEFAULT_PROFILE_NAME) return host
  // eslint-disable-next-line no-control-regex -- control characters are what it drops
  return `${host} (${name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 20)})`
}

/** Settings a new profile starts with; the download folder and the device name are the profile's own. */
export function defaultSettings (profileDir: string): SettingsValues {
  return {
    deviceName: defaultDeviceName(profileDir),
    downloadDir: defaultDownloadDir(profileDir),
    listen: ['/ip4/0.0.0.0/tcp/0', '/ip4/0.0.0.0/tcp/0/ws'],
    bootstrap: [],
    mdns: true,
    uploadLimit: 0,
    downloadLimit: 0,
    relays: [],
    stun: [],
    upnp: true,
    relayService: true,
    publicNetwork: 'ask'
  }
}

// ── Content and links ───────────────────────────────────────────────────────

/** Chunk size of new shares, bytes (docs/chunk-size.md says why). */
export const DEFAULT_CHUNK_SIZE = 1024 * 1024
/** Addresses a link carries at most. */
export const LINK_ADDRESSES = 4

// ── Events ──────────────────────────────────────────────────────────────────

/** Share jobs that ended kept for the jobs list. */
export const SHARE_JOBS_KEPT = 20
/** Minimum gap between two progress events of one transfer or share, ms. */
export const EVENT_THROTTLE = 250
/** How often the traffic totals and rates are sent, ms. */
export const STATS_INTERVAL = 1_000

// ── Files on disk ───────────────────────────────────────────────────────────

/** How often shared files and finished downloads are looked at, to notice those deleted or moved (and back), ms. */
export const FILE_CHECK_INTERVAL = 3_000

// ── Announcing and finding ──────────────────────────────────────────────────

/** Shares are announced again this often, ms. */
export const ANNOUNCE_INTERVAL = 10 * 60_000
/** How often the announcer looks for due announcements, ms. */
export const ANNOUNCE_TICK = 2_000
/** Deadline of one announcement, ms. */
export const ANNOUNCE_TIMEOUT = 30_000
/** How long a provider record lives unless announced again, ms: kad-dht's own default, which PeerShare keeps. */
export const KAD_RECORD_VALIDITY = 48 * 60 * 60_000
/** kad-dht's first look for its own neighbours after start, ms (small swarms, a LAN or a test, need answers quickly). */
export const KAD_INITIAL_QUERY_SELF_INTERVAL = 500
/**
 * How long a lookup searches for someone holding the manifest, ms. A promise
 * of the contract, since clients wait a little longer (shared/api.ts).
 */
export const LOOKUP_TIMEOUT = API_DEADLINES.lookup.engine

// ── DHT inspector ───────────────────────────────────────────────────────────

/** Lookup traces an instance keeps (its own lookups and traced ones), newest replacing oldest. */
export const LOOKUP_LOG_SIZE = 100
/** Deadline of a traced lookup (`peershare dht trace`), ms; within the contract's dhtTrace deadline. */
export const TRACE_TIMEOUT = 45_000
/** Routing-table changes kept for the inspector. */
export const ROUTING_CHANGES_KEPT = 500
/** The routing table's additions and removals are counted per this many ms, over ROUTING_ACTIVITY_INTERVALS of them. */
export const ROUTING_ACTIVITY_INTERVAL = 30_000
export const ROUTING_ACTIVITY_INTERVALS = 40
/** The doctor's DHT lookup, ms. */
export const DOCTOR_LOOKUP_TIMEOUT = 20_000
/** The doctor's deadline for a dial and for each question to a provider, ms. */
export const DOCTOR_DIAL_TIMEOUT = 8_000
/** Providers the doctor dials at most. */
export const DOCTOR_MAX_PROVIDERS = 5

// ── Transfers ───────────────────────────────────────────────────────────────

/** Bad chunks from one peer before it is banned from the transfer. */
export const BAN_THRESHOLD = 2
/** When every source has been banned for this long and no other turned up, the download fails and says so, ms. */
export const BANNED_SOURCES_GRACE = 20_000
/**
 * A peer with chunks asked of it that delivers none for longer than this, ms,
 * and than SLOW_PEER_FACTOR times what a chunk takes at the fastest other
 * peer's rate, has fallen far behind: it is dropped and its chunks go to the others.
 */
export const SLOW_PEER_GRACE = 5_000
export const SLOW_PEER_FACTOR = 20
/** A peer dropped for falling behind is left out at least this long (doubling each time), ms. */
export const SLOW_PEER_BACKOFF = 30_000
/** Requests in flight per peer: the bounds of the adaptive window, and its size before a rate is known. */
export const MIN_WINDOW = 2
export const MAX_WINDOW = 16
export const INITIAL_WINDOW = 4
/** The window covers about this much time of a peer's measured rate, ms. */
export const WINDOW_TARGET_MS = 1_000
/** Chunks looked at past the first a peer could be asked for, to find the rarest: rarest first within this window. */
export const PICK_WINDOW = 4096
/** Chunks received and still being checked and written, across peers, before no more are asked for. */
export const MAX_PROCESSING = 8
/** How often written data is fsynced and progress saved, ms. */
export const FLUSH_INTERVAL = 500
/** How often partial seeders are asked again which chunks they hold, ms. */
export const HAVE_REFRESH_INTERVAL = 3_000
/** How long one kind of source (link, connected peers) may take to answer before the next is asked too, ms. */
export const SOURCE_GRACE = 150
/** How often a running download looks for more providers, ms. */
export const DISCOVERY_INTERVAL = 15_000
/** A download with no source peer looks for providers again this soon, ms. */
export const DISCOVERY_RETRY = 1_000
/** A download that finds nobody for this long fails with no-providers, ms. */
export const FIND_TIMEOUT = 60_000
/** After a peer sent a bad manifest, how long a download waits for a good one before failing with that error, ms. */
export const MANIFEST_ERROR_GRACE = 3_000
/** A download's work loop looks again this often when nothing woke it (partial seeders are asked again then, and its view is sent again, so its speed is seen to fall), ms. */
export const WORK_TICK = 1_000
/** A download that has nothing to fetch from anyone for this long says it is waiting for a source, ms. */
export const WAITING_GRACE = 2_000
/** Runs of missing chunks a waiting download's view lists at most. */
export const WAITING_RANGES = 5

// ── Protocol ────────────────────────────────────────────────────────────────

/** Deadline of one manifest or have request, ms. */
export const REQUEST_TIMEOUT = 15_000
/** A chunk request with no byte arriving for this long counts as stalled, ms. */
export const CHUNK_STALL_TIMEOUT = 10_000
/** A served stream with no request for this long is closed, ms. */
export const SERVER_IDLE_TIMEOUT = 60_000
/** A peer that takes none of a chunk sent to it for this long has its chunk stream reset, ms. */
export const SERVER_DRAIN_TIMEOUT = 20_000
/**
 * Chunk data read from disk and not yet taken by its peer, bytes: at most
 * this much per peer (a window of read-ahead on one stream) and over all
 * peers together. A peer that asks and never reads pins no more than its own share.
 */
export const SERVER_CHUNK_BUDGET_PER_PEER = 8 * 1024 * 1024
export const SERVER_CHUNK_BUDGET = 64 * 1024 * 1024

// ── Files ───────────────────────────────────────────────────────────────────

/**
 * Shared and downloaded files' handles one engine keeps open, all shares and
 * downloads together; the least recently used idle one is closed to open
 * another. With the store's own and the network's, an engine stays well
 * under a descriptor limit of 256 (macOS's default) whatever the number of files.
 */
export const OPEN_FILES_MAX = 64
/** Table files the profile's store (LevelDB) keeps open at most. */
export const STORE_OPEN_FILES_MAX = 32
/** Pieces of chunk hashes (256 KiB each) a share or download keeps in memory; the rest wait in the store or at peers. */
export const PIECE_CACHE_PIECES = 16
// ── Devices: names, nearby, offers, pairing ─────────────────────────────────

/** Deadline of one exchange of the device protocols (a name, an offer, a pairing), ms. */
export const DEVICE_REQUEST_TIMEOUT = 10_000
/** A device seen by mDNS stays in Nearby this long after it was last seen, ms (a few of mDNS's query intervals). */
export const NEARBY_TTL = 4 * MDNS_INTERVAL
/** How long a pairing code or link can be used, ms; it works once. */
export const PAIRING_TTL = 10 * 60_000
/** Digits in a pairing code. */
export const PAIRING_CODE_DIGITS = 8
/** Wrong pairing codes a device may try before every open code is withdrawn (a code is short: guessing must stay hopeless). */
export const PAIRING_MAX_FAILURES = 5
/** Pending offers kept at once; past it, new offers are refused until some are answered. */
export const MAX_PENDING_OFFERS = 32
/** How long an unanswered offer waits before it is dropped, ms. */
export const OFFER_TTL = 24 * 60 * 60_000
