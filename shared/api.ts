/**
 * The command surface of a PeerShare instance: every request a client may
 * make and what it gets back. The Electron preload and the headless HTTP API
 * bind exactly this map, so a client cannot tell which host it talks to.
 */
import type { DeviceView, OfferView, PairingInvitationView, SentOfferView, ShareInfoView, ShareJobView, ShareView, TransferView } from './views.js'
import type { DhtView, HealthView, PeerView } from './network-views.js'
import type { SettingsValues, SettingsView } from './settings-views.js'
import type { FolderListingView } from './folder-views.js'
import type { LinkInfo } from './link.js'
import type { DoctorReportView, KeyspaceView, LookupOp, LookupTraceExport, LookupTraceView, MetricsView, ProviderRecordDetailView, RoutingTableView } from './inspector.js'

/** Every command: its request and its response. */
export interface ApiCommands {
  /** Health snapshot: connections, addresses, DHT, byte counters. */
  status: { req: Record<string, never>, res: HealthView }
  /** Everything this instance shares. */
  shares: { req: Record<string, never>, res: readonly ShareView[] }
  /**
   * Share a file or folder. Answers once its files are listed and checked
   * against the limits of a share (a share nobody could download is refused
   * here, in the words a downloader would use); the hashing runs on as a job,
   * reported by `share-job` events and `shareJobs`, and the share appears
   * when it is done. Sharing a path already being shared answers that job.
   * The path is absolute or starts with `~` (the home folder); a relative
   * one is refused, since the node cannot tell what it is relative to.
   */
  share: { req: { path: string, /** Announce it by its root for anyone to fetch; default false: private, opened only by its link. */ public?: boolean }, res: ShareJobView }
  /** Share jobs running and recently ended, newest first. */
  shareJobs: { req: Record<string, never>, res: readonly ShareJobView[] }
  /** Stop a share job: hashing stops within a second and nothing of it stays registered. */
  cancelShareJob: { req: { id: string }, res: ShareJobView }
  /** Stop sharing; the files on disk are left alone. */
  unshare: { req: { root: string }, res: { root: string } }
  /**
   * A new link for a private share: a new secret, so the old link is refused
   * from now on (peers that already downloaded it keep their files).
   */
  rotateLink: { req: { root: string }, res: ShareView }
  /** Every download, finished or not. */
  transfers: { req: Record<string, never>, res: readonly TransferView[] }
  /**
   * Start the download of a link or a bare root CID, into `outDir` (default:
   * the download folder). `files` picks paths (as in the manifest) to fetch;
   * omitted or empty means all. A root with a download already goes to it:
   * new picks are added to the old, a paused or failed one runs again, and
   * a finished one fetches again whatever is not in the folder asked for
   * (default: where it went before), deleted files included.
   */
  download: { req: { link: string, outDir?: string, files?: readonly string[] }, res: TransferView }
  /**
   * Find a share's peers and fetch its manifest (names and sizes) without
   * downloading anything. Fails with no-connections at once when the link
   * carries no addresses and this node is connected to nobody, and with
   * no-providers when nobody serving it could be found.
   */
  lookup: { req: { link: string }, res: ShareInfoView }
  pause: { req: { id: string }, res: TransferView }
  resume: { req: { id: string }, res: TransferView }
  /** Stop a download and delete its partial data. */
  cancel: { req: { id: string }, res: { id: string } }
  /** Take a finished download off the list; its files stay where they are (and a whole share stays shared). */
  forget: { req: { id: string }, res: { id: string } }
  /**
   * Show a finished download in the file manager of the machine the node
   * runs on. The host does the showing (the desktop's shell, the daemon's
   * file manager); the answer is the path it showed.
   */
  showInFolder: { req: { id: string }, res: { path: string } }
  /**
   * The node's file chooser: a folder of the machine the node runs on, for
   * picking what to share and completing a typed path. `~` is the home
   * folder and '' lists it; a relative path is refused. A path that is not
   * a folder lists its parent, keeping the names that start with its last part.
   */
  browse: { req: { path: string }, res: FolderListingView }
  /** Live connections. */
  peers: { req: Record<string, never>, res: readonly PeerView[] }
  /** Routing table by bucket, provider records held, announcements. */
  dht: { req: Record<string, never>, res: DhtView }
  settings: { req: Record<string, never>, res: SettingsView }
  /**
   * Change settings: only the fields given are saved, each checked first (a
   * mistake is refused with bad-request naming the setting, and nothing is
   * saved). The download folder and the caps apply at once; listen,
   * bootstrap and mdns on the next start.
   */
  updateSettings: { req: Partial<SettingsValues>, res: SettingsView }
  /** Parse and check a link without starting anything. */
  inspectLink: { req: { link: string }, res: LinkInfo }
  /** The routing table peer by peer, and its additions and removals over time. */
  routingTable: { req: Record<string, never>, res: RoutingTableView }
  /** Runs one DHT lookup for a root or a PeerId and answers with its trace; `op` defaults to find-providers for a root, closest for a PeerId. */
  dhtTrace: { req: { target: string, op?: LookupOp }, res: LookupTraceView }
  /** The lookups this instance made lately (its own and traced ones), oldest first. */
  dhtLookups: { req: Record<string, never>, res: LookupTraceExport }
  /** This node, its routing table and the keys it announces or holds records for, by XOR distance from `key` (a root or PeerId; default this node). */
  keyspace: { req: { key?: string }, res: KeyspaceView }
  /** Provider records held, with their expiry and the share's name where known. */
  providerRecords: { req: Record<string, never>, res: readonly ProviderRecordDetailView[] }
  /** Diagnoses why a link or root does (not) download, step by step. */
  doctor: { req: { link: string }, res: DoctorReportView }
  /** kad-dht's and libp2p's metrics in Prometheus text format (also GET /api/metrics). */
  metrics: { req: Record<string, never>, res: MetricsView }
  /** Nearby (mDNS) and paired devices, by name. */
  devices: { req: Record<string, never>, res: readonly DeviceView[] }
  /**
   * Send a file or folder to a device (its name or PeerId): shares it
   * privately and offers it, with the link, to that device, which accepts or
   * declines. Only a paired or nearby device can be sent to.
   */
  sendTo: { req: { path: string, to: string }, res: SentOfferView }
  /** Offers from other devices waiting for an answer. */
  offers: { req: Record<string, never>, res: readonly OfferView[] }
  /** Accept an offer: it downloads (into `outDir`, default the download folder) through its private link. */
  acceptOffer: { req: { id: string, outDir?: string }, res: TransferView }
  /** Decline an offer: nothing is fetched or written. */
  declineOffer: { req: { id: string }, res: { id: string } }
  /** Open an invitation to pair: a short code (and a link carrying it) for the other device, usable once for a few minutes. */
  startPairing: { req: Record<string, never>, res: PairingInvitationView }
  /**
   * Pair with the device that showed a code: `code` is its digits (then
   * `device`, its name or PeerId from the Nearby list, says which one) or its
   * pairing link. Both devices then list each other as paired.
   */
  pair: { req: { code: string, device?: string }, res: DeviceView }
  /** Forget a paired device. */
  unpair: { req: { peerId: string }, res: { peerId: string } }
  /** Accept a paired device's offers without asking (for one's own devices), or ask again. */
  setAutoAccept: { req: { peerId: string, autoAccept: boolean }, res: DeviceView }
}

export type ApiCommandName = keyof ApiCommands
export type ApiRequest<K extends ApiCommandName> = ApiCommands[K]['req']
export type ApiResponse<K extends ApiCommandName> = ApiCommands[K]['res']

/** The command names, for hosts that bind them one by one. */
export const API_COMMANDS: readonly ApiCommandName[] = [
  'status', 'shares', 'share', 'unshare', 'transfers', 'download', 'pause', 'resume',
  'cancel', 'peers', 'dht', 'settings', 'updateSettings', 'inspectLink', 'lookup',
  'forget', 'showInFolder', 'browse', 'rotateLink',
  'routingTable', 'dhtTrace', 'dhtLookups', 'keyspace', 'providerRecords', 'doctor', 'metrics',
  'shareJobs', 'cancelShareJob',
  'devices', 'sendTo', 'offers', 'acceptOffer', 'declineOffer', 'startPairing', 'pair', 'unpair', 'setAutoAccept'
]

/** How long one command may take, in milliseconds. */
export interface CommandDeadline {
  /**
   * The engine's own deadline: by then it has answered, with the result or
   * with an error that says what to do. Null for a command with no deadline
   * of its own, which answers from memory or the disk.
   */
  readonly engine: number | null
  /**
   * How long a client waits for the answer before it gives up. Always longer
   * than `engine`, so a person reads the engine's error, not a client timeout.
   */
  readonly client: number
}

/** How much longer than the engine a client waits, so the engine's answer always arrives first. */
export const CLIENT_GRACE_MS = 15_000

/** A command that answers from memory or the disk. */
const LOCAL: CommandDeadline = { engine: null, client: 30_000 }

/** A command the engine bounds itself; the client waits the grace on top. */
function bounded (engine: number): CommandDeadline & { readonly engine: number } {
  return { engine, client: engine + CLIENT_GRACE_MS }
}

/** Every command's deadlines; the engine and every client read them from here. */
export const API_DEADLINES = {
  status: LOCAL,
  shares: LOCAL,
  // Lists the files (a folder of many on a slow disk takes a while) and answers; hashing runs on as a job.
  share: { engine: null, client: 120_000 },
  shareJobs: LOCAL,
  cancelShareJob: LOCAL,
  unshare: LOCAL,
  rotateLink: LOCAL,
  transfers: LOCAL,
  // Starts the download and answers at once; the download itself runs on.
  download: LOCAL,
  // Searches the link's peers, connected peers, then the DHT for the manifest.
  lookup: bounded(30_000),
  pause: LOCAL,
  resume: LOCAL,
  cancel: LOCAL,
  forget: LOCAL,
  showInFolder: LOCAL,
  browse: LOCAL,
  peers: LOCAL,
  dht: LOCAL,
  settings: LOCAL,
  updateSettings: LOCAL,
  inspectLink: LOCAL,
  routingTable: LOCAL,
  // One DHT query, bounded like a lookup.
  dhtTrace: bounded(60_000),
  dhtLookups: LOCAL,
  keyspace: LOCAL,
  providerRecords: LOCAL,
  // A lookup, a dial and a fetch per provider, one chunk.
  doctor: bounded(90_000),
  metrics: LOCAL,
  devices: LOCAL,
  // Hashes the file or folder (as share does), then one offer exchange with the device.
  sendTo: { engine: null, client: 60 * 60_000 },
  offers: LOCAL,
  acceptOffer: LOCAL,
  declineOffer: LOCAL,
  startPairing: LOCAL,
  // Dials the device and one pairing exchange, each within its own deadline.
  pair: bounded(30_000),
  unpair: LOCAL,
  setAutoAccept: LOCAL
} as const satisfies { readonly [K in ApiCommandName]: CommandDeadline }

/** A client of the contract: one async function per command. */
export type PeerShareApi = {
  readonly [K in ApiCommandName]: (req: ApiRequest<K>) => Promise<ApiResponse<K>>
}

/** Guards a name arriving over a wire. */
export function isApiCommand (name: unknown): name is ApiCommandName {
  return typeof name === 'string' && (API_COMMANDS as readonly string[]).includes(name)
}
