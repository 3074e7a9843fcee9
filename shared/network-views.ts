/**
 * Views of the network as this node sees it: its connections, the DHT,
 * how others can reach it, and the health snapshot that gathers them
 * (conventions as in views.ts).
 */

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
