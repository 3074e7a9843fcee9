/**
 * View models: the readonly data every host hands to every client (the
 * React UI, the CLI, tests). Plain JSON, no classes, no runtime dependencies.
 * Byte counts are numbers of bytes; times are milliseconds since the epoch
 * unless a field name says otherwise.
 */

/** One file inside a share, as listed in its manifest. */
export interface ManifestFileView {
  /** Path relative to the share, '/'-separated; the first segment is the share name for folders. */
  readonly path: string
  readonly size: number
  /** Index of this file's first chunk in the share-wide chunk numbering. */
  readonly firstChunk: number
  readonly chunkCount: number
}

/** What a share holds, as its manifest says, fetched before (or without) downloading it. */
export interface ShareInfoView {
  readonly root: string
  readonly name: string
  readonly size: number
  readonly chunkSize: number
  readonly chunkCount: number
  readonly files: readonly ManifestFileView[]
  /** Peers known to have at least part of it when the manifest was fetched. */
  readonly providers: number
}

/** Something this instance serves. */
export interface ShareView {
  /** CIDv1 of the manifest: the share's identity, the same for everyone who shares the same names and bytes. */
  readonly root: string
  readonly name: string
  readonly size: number
  readonly chunkSize: number
  readonly chunkCount: number
  readonly fileCount: number
  /** Where the content lives on this machine. */
  readonly path: string
  /**
   * A copy-pasteable `peershare://` link with this node's dialable
   * addresses; a private share's link ends in its secret (`#k=…`).
   */
  readonly link: string
  /**
   * Private: announced under a locator only the link's holders can work
   * out, and served only to peers that prove they hold the link. Public:
   * announced by its root, served to anyone who asks.
   */
  readonly private: boolean
  readonly addedAt: number
  /**
   * 'seeding' normally; 'stale' once a file changed on disk and chunks no
   * longer match; 'missing' while one of its files is not on disk (deleted or
   * moved away): it is neither served nor announced until the file is back.
   */
  readonly state: 'seeding' | 'stale' | 'missing'
  readonly staleReason?: string
  /** While 'missing': the absolute paths of the files that are not where they were shared from. */
  readonly missingFiles?: readonly string[]
  /** Distinct peers that fetched at least one chunk of it since this instance started. */
  readonly peersServed: number
  readonly bytesServed: number
  readonly chunksServed: number
}

/** The states a download moves through, in order; 'failed' and 'paused' can come from any live state. */
export type TransferState =
  | 'finding-peers'
  | 'downloading'
  | 'paused'
  | 'verifying'
  | 'done'
  | 'failed'

/** One peer a download is drawing from. */
export interface TransferPeerView {
  readonly peerId: string
  /** How this peer was found: the link's addresses, an existing connection, or the DHT. */
  readonly foundVia: 'link' | 'connected' | 'dht'
  /** Chunks this peer says it has. */
  readonly has: number
  readonly inFlight: number
  readonly chunksReceived: number
  readonly bytesReceived: number
  /** Recent download rate from this peer, bytes per second. */
  readonly rate: number
  /** Chunks from this peer that failed verification. */
  readonly badChunks: number
  readonly banned: boolean
  /** How this peer is connected now (its best open connection), or null while it has none. */
  readonly path: ConnectionPath | null
  /** The relay's PeerId while `path` is 'relayed'. */
  readonly relay?: string
}

/**
 * Why a running download is not moving: none of the chunks it still needs is
 * held by any peer it is connected to. It goes on by itself as soon as a peer
 * that has them comes along.
 */
export interface TransferWaitingView {
  /** Since when nothing could be fetched. */
  readonly since: number
  /** How many wanted chunks are still missing. */
  readonly missingChunks: number
  /** The first few missing chunks, as inclusive ranges of chunk numbers (a person reads "chunks 12–40"). */
  readonly missingRanges: readonly (readonly [number, number])[]
  /** Source peers still connected (none of them has a missing chunk). */
  readonly connectedSources: number
  /** When a peer last sent a chunk of this download, or null when none has in this run. */
  readonly lastChunkAt: number | null
}

/** A download. */
export interface TransferView {
  /** The share's root doubles as the transfer id: one transfer per root per instance. */
  readonly id: string
  readonly root: string
  readonly name: string
  /** Bytes to fetch: the whole share, or the selected files when some were picked. */
  readonly size: number
  readonly state: TransferState
  /** Set when state is 'failed' or when a pause was forced (disk full): what went wrong and what to do. */
  readonly error?: { readonly code: string, readonly message: string }
  readonly outDir: string
  /** Final path once done. */
  readonly path?: string
  /**
   * Once done: the absolute paths of downloaded files that are no longer
   * where the download put them (deleted or moved). Downloading the link
   * again fetches them again.
   */
  readonly missingFiles?: readonly string[]
  /** Set while 'downloading' when no connected peer has any chunk still needed: what is missing and since when. */
  readonly waiting?: TransferWaitingView
  /** Chunks to fetch (all, or those of the selected files). */
  readonly chunkCount: number
  readonly chunksDone: number
  readonly bytesDone: number
  /** The paths picked when the download started, or null for the whole share. */
  readonly selectedFiles: readonly string[] | null
  /** Chunks that were already verified on disk when this run of the transfer started (resume). */
  readonly chunksResumed: number
  /** Chunks fetched and verified in this run. */
  readonly chunksFetched: number
  readonly badChunks: number
  /** Bytes per second over the last few seconds. */
  readonly rate: number
  /** Seconds until done at the current rate, or null when unknown. */
  readonly etaSeconds: number | null
  readonly peers: readonly TransferPeerView[]
  readonly bannedPeers: readonly string[]
  /** Files in the share, once the manifest is known. */
  readonly files: readonly ManifestFileView[]
  readonly startedAt: number
  readonly finishedAt?: number
  /**
   * Time spent working on it (finding peers and downloading), ms: paused,
   * stopped and failed spells are not counted, so bytes over this is the
   * speed it really went.
   */
  readonly activeMs: number
}

/**
 * How a connection reaches its peer: 'loopback' (this computer), 'lan' (a
 * private address), 'direct' (a public or UPnP-mapped address), 'holepunched'
 * (a direct connection made through both NATs, WebRTC), 'relayed' (every
 * byte passes through a circuit relay).
 */
export type ConnectionPath = 'loopback' | 'lan' | 'direct' | 'holepunched' | 'relayed'

/** The transport that carries a connection's bytes. */
export type ConnectionTransport = 'tcp' | 'websockets' | 'webrtc' | 'circuit-relay' | 'other'

/** A live connection. */
export interface PeerView {
  readonly peerId: string
  readonly addr: string
  readonly direction: 'inbound' | 'outbound'
  readonly path: ConnectionPath
  readonly transport: ConnectionTransport
  /** The relay's PeerId when `path` is 'relayed'. */
  readonly relay?: string
  /** Whether the relay limits this connection (data and time, e.g. 128 KiB and 2 minutes): enough to set up a direct one, not to move files. */
  readonly limited?: boolean
  /** Round-trip time in ms from the last ping, or null before the first. */
  readonly latencyMs: number | null
  readonly openedAt: number
  readonly bytesIn: number
  readonly bytesOut: number
}

/** One k-bucket of the routing table. */
export interface KBucketView {
  /** The bucket's binary prefix of the KAD-ID space ('' for the root). */
  readonly prefix: string
  readonly depth: number
  readonly peers: readonly string[]
}

/** A provider record this node holds for the DHT. */
export interface ProviderRecordView {
  /** The DHT key: a public share's root, or a private share's locator. */
  readonly root: string
  /** The share's name, when this node knows it (a share or download of its own). */
  readonly name?: string
  /** When `root` is a private share's locator this node holds the link of: the share's real root. */
  readonly privateRoot?: string
  readonly provider: string
  readonly receivedAt?: number
}

/** A root this node announces as a provider. */
export interface AnnouncementView {
  /** The DHT key: a public share's root, or a private share's locator. */
  readonly root: string
  /** The share's name, when known. */
  readonly name?: string
  /** When `root` is a private share's locator: the share's real root. */
  readonly privateRoot?: string
  /** The last successful announcement, or null before the first. */
  readonly lastAnnouncedAt: number | null
  readonly lastError?: string
}

/** The DHT as this node sees it. */
export interface DhtView {
  readonly mode: 'client' | 'server'
  readonly protocol: string
  readonly routingTableSize: number
  readonly kBucketSize: number
  readonly buckets: readonly KBucketView[]
  readonly providerRecords: readonly ProviderRecordView[]
  /** Roots this node announces, with the time of the last successful announcement. */
  readonly announced: readonly AnnouncementView[]
}

/**
 * How others can reach this node:
 * - 'public': at a public address (confirmed by AutoNAT, announced, or mapped by UPnP and confirmed);
 * - 'relayed': behind a NAT, through a relay; direct connections are hole-punched where the NATs allow;
 * - 'relayed-only': behind a NAT that gives every connection a new port, so only through a relay;
 * - 'unreachable': behind a NAT with no relay: nobody outside can reach it;
 * - 'unknown': a public peer is known, but nothing is confirmed yet;
 * - 'lan': no public peer is known: reachable on the local network;
 * - 'loopback': listening on this computer only.
 */
export type Reachability = 'public' | 'relayed' | 'relayed-only' | 'unreachable' | 'unknown' | 'lan' | 'loopback'

/** A relay holding a reservation for this node. */
export interface RelayReservationView {
  readonly peerId: string
  /** This node's address through it: `<relay>/p2p-circuit/p2p/<this node>`. */
  readonly addr: string
}

/** This node's reachability in detail (HealthView.reach). */
export interface ReachView {
  readonly reachability: Reachability
  /** Public addresses others may dial (confirmed, announced, or UPnP-mapped and confirmed). */
  readonly publicAddrs: readonly string[]
  readonly relays: readonly RelayReservationView[]
  /**
   * How the NAT in front of this node maps connections, when known:
   * 'port-preserving' (hole punching can work), 'per-flow' (a new port for
   * every connection: relayed only), 'none' (no NAT: a public address).
   */
  readonly nat: 'none' | 'port-preserving' | 'per-flow' | 'unknown'
  /** UPnP: 'off' (setting), 'on' (asking the router), 'mapped' (the router forwards a port: its public address is listed once confirmed). */
  readonly upnp: 'off' | 'on' | 'mapped'
  /** Whether this node offers a small relay to others now (only while it is publicly reachable), and how many reservations it holds. */
  readonly relayService: { readonly offered: boolean, readonly reservations: number }
  /** The STUN servers WebRTC asks for this node's public address. */
  readonly stun: readonly string[]
  /** Whether the node is on the public IPFS network. */
  readonly publicNetwork: boolean
}

/** A snapshot of the node's health. */
export interface HealthView {
  readonly peerId: string
  /** The profile directory's base name, to tell instances on one machine apart. */
  readonly profile: string
  readonly network: string
  readonly listenAddrs: readonly string[]
  /** Addresses this node announces to others. */
  readonly announceAddrs: readonly string[]
  /** How others can reach this node; `reach` says it in detail, and shared/reach.ts in words. */
  readonly reachability: Reachability
  readonly reach: ReachView
  readonly connections: readonly PeerView[]
  readonly dht: DhtView
  readonly bytesIn: number
  readonly bytesOut: number
  /** Payload bytes per second (chunks), last few seconds. */
  readonly rateIn: number
  readonly rateOut: number
  readonly startedAt: number
  readonly shares: number
  readonly activeTransfers: number
}

/** The values of the settings a person may change; each has a default the engine applies. */
export interface SettingsValues {
  /** Absolute path of the folder new downloads go to. */
  readonly downloadDir: string
  readonly listen: readonly string[]
  /** Multiaddrs ending in /p2p/<peer id>. */
  readonly bootstrap: readonly string[]
  readonly mdns: boolean
  /** Bytes per second, 0 for unlimited. */
  readonly uploadLimit: number
  readonly downloadLimit: number
  /** Relays to reserve a slot on while behind a NAT: multiaddrs ending in /p2p/<peer id> (bootstrap peers that are relays count too). */
  readonly relays: readonly string[]
  /**
   * STUN servers for WebRTC hole punching, e.g. stun:relay.example.org:3478.
   * Empty: port 3478 of every relay and bootstrap host given by IP address
   * (`peershare relay` serves STUN there), or public STUN servers on the
   * public network.
   */
  readonly stun: readonly string[]
  /** Ask the home router for a port forward (UPnP IGD). */
  readonly upnp: boolean
  /** Offer a small relay (signalling-sized limits) to others while this node is publicly reachable. */
  readonly relayService: boolean
  /**
   * Join the public IPFS network to meet peers and relays with no server of
   * one's own: 'ask' until the person has answered (treated as off), then
   * 'on' or 'off'.
   */
  readonly publicNetwork: 'ask' | 'on' | 'off'
  /** The name other PeerShare instances see this one by (Nearby, paired devices, offers). */
  readonly deviceName: string
}

/** The name of one setting. */
export type SettingName = keyof SettingsValues

/**
 * The settings of a running instance. The values at the top are the ones in
 * effect: the download folder and the caps as they are now; listen,
 * bootstrap and mdns as this run started with them (a change to those
 * applies at the next start).
 */
export interface SettingsView extends SettingsValues {
  /**
   * Settings given for this run only, on the command line: their values at
   * the top are the flags', and they are never saved unless a person changes
   * them.
   */
  readonly fromFlags: readonly SettingName[]
  /** What the profile keeps (its saved settings over the defaults): what a start without flags uses. */
  readonly saved: SettingsValues
}

/** One entry of a folder on the node's machine, as the file chooser lists it. */
export interface FolderEntryView {
  readonly name: string
  /** Absolute path. */
  readonly path: string
  readonly kind: 'file' | 'folder'
  /** Bytes, for a file; null for a folder. */
  readonly size: number | null
}

/** A folder of the machine the node runs on, for the file chooser and path completion. */
export interface FolderListingView {
  /** The folder listed, absolute. */
  readonly folder: string
  /** Its parent folder, or null at the top. */
  readonly parent: string | null
  /** The home folder: what `~` stands for. */
  readonly home: string
  /** The node's path separator: '/' or '\\'. */
  readonly separator: string
  /** The start of a name the entries were narrowed to (case-insensitive); '' lists them all. */
  readonly filter: string
  /** Folders first, then files, each by name; names starting with a dot only when the filter does. */
  readonly entries: readonly FolderEntryView[]
  /** More entries matched than are listed. */
  readonly truncated: boolean
}

/**
 * Another PeerShare instance as a person knows it: by its device name. A
 * device is listed when it is nearby (found on this LAN by mDNS) or paired.
 */
export interface DeviceView {
  readonly peerId: string
  /** Its device name, as it gave it (a paired device's last known name); its PeerId's end until it has said. */
  readonly name: string
  /** Found on this LAN by mDNS recently. */
  readonly nearby: boolean
  /** Paired with this instance: it stays listed, and may send offers, from anywhere. */
  readonly paired: boolean
  /** Connected now. */
  readonly online: boolean
  /** How it is connected, while online. */
  readonly path: PeerView['path'] | null
  /** The address of that connection, while online. */
  readonly addr: string | null
  /** (Paired devices) Its offers are accepted without asking. */
  readonly autoAccept: boolean
  /** When it was paired, for a paired device. */
  readonly pairedAt: number | null
}

/** Something another device offered to send here, waiting for an answer. */
export interface OfferView {
  /** This instance's id for the offer. */
  readonly id: string
  readonly fromPeerId: string
  readonly fromName: string
  /** The share's name, total size and number of files, as the sender describes them. */
  readonly name: string
  readonly size: number
  readonly fileCount: number
  /** The share's root (the download's id once accepted). */
  readonly root: string
  readonly receivedAt: number
}

/** What `sendTo` did: the private share it made, and the device that got the offer. */
export interface SentOfferView {
  readonly share: ShareView
  readonly device: DeviceView
}

/** An open invitation to pair: a short code to type on the other device, or a link that carries it. */
export interface PairingInvitationView {
  /** Digits to type on the other device, which picks this one from its Nearby list. */
  readonly code: string
  /** The same as a link, with this device's PeerId and addresses: works where the other device does not see this one nearby. */
  readonly link: string
  readonly expiresAt: number
}
