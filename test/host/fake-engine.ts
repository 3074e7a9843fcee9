/**
 * A FAKE engine for the headless host's unit tests: an in-memory object with
 * the Engine face that answers commands with canned views and emits events
 * on demand. It only stands in for the engine so the HTTP/WebSocket binding
 * can be tested on its own; the real engine is tested elsewhere.
 */
import type { Engine } from '../../electron/core/index.js'
import {
  API_COMMANDS, InvalidLinkError,
  type ApiCommandName, type HealthView, type PeerShareApi, type PeerShareEvent, type ShareJobView, type ShareView, type TransferView
} from '../../shared/index.js'

/** What the fake records about each call. */
export interface FakeCall {
  readonly command: ApiCommandName
  readonly req: unknown
}

/** An Engine stand-in whose commands can be scripted per test. */
export class FakeEngine implements Engine {
  readonly peerId = '12D3KooWFakeFakeFakeFakeFakeFakeFakeFakeFakeFake'
  readonly calls: FakeCall[] = []
  readonly listeners = new Set<(event: PeerShareEvent) => void>()
  /** Overrides per command; the default answers are below. */
  readonly handlers: Partial<Record<ApiCommandName, (req: any) => unknown>> = {}
  readonly api: PeerShareApi
  started = false

  constructor () {
    const api: Record<string, unknown> = {}
    for (const command of API_COMMANDS) {
      api[command] = async (req: unknown) => {
        this.calls.push({ command, req })
        const handler = this.handlers[command] ?? DEFAULTS[command]
        if (handler == null) throw new Error(`fake engine: ${command} not scripted`)
        return handler(req)
      }
    }
    this.api = api as PeerShareApi
  }

  listenAddrs (): string[] {
    return [`/ip4/127.0.0.1/tcp/4001/p2p/${this.peerId}`]
  }

  subscribe (listener: (event: PeerShareEvent) => void): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  /** Sends an event to every subscriber. */
  emit (event: PeerShareEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  async start (): Promise<void> { this.started = true }
  async stop (): Promise<void> { this.started = false }
}

const ROOT = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'

/** A plausible share view. */
export const FAKE_SHARE: ShareView = {
  root: ROOT,
  name: 'movie.mkv',
  size: 3 * 1024 * 1024,
  chunkSize: 1024 * 1024,
  chunkCount: 3,
  fileCount: 1,
  path: '/data/movie.mkv',
  link: `peershare://${ROOT}?name=movie.mkv&size=3145728`,
  private: false,
  addedAt: 1_700_000_000_000,
  state: 'seeding',
  peersServed: 0,
  bytesServed: 0,
  chunksServed: 0
}

/** A plausible transfer view. */
export const FAKE_TRANSFER: TransferView = {
  id: ROOT,
  root: ROOT,
  name: 'movie.mkv',
  size: 3 * 1024 * 1024,
  state: 'downloading',
  outDir: '/downloads',
  chunkCount: 3,
  chunksDone: 1,
  bytesDone: 1024 * 1024,
  selectedFiles: null,
  chunksResumed: 0,
  chunksFetched: 1,
  badChunks: 0,
  rate: 512 * 1024,
  etaSeconds: 4,
  peers: [],
  bannedPeers: [],
  files: [],
  fileCount: 0,
  startedAt: 1_700_000_000_000,
  activeMs: 2_000
}

const FAKE_HEALTH: HealthView = {
  peerId: '12D3KooWFakeFakeFakeFakeFakeFakeFakeFakeFakeFake',
  profile: 'default',
  network: 'test',
  listenAddrs: ['/ip4/127.0.0.1/tcp/4001'],
  announceAddrs: ['/ip4/127.0.0.1/tcp/4001'],
  reachability: 'loopback',
  reach: {
    reachability: 'loopback',
    publicAddrs: [],
    relays: [],
    nat: 'unknown',
    upnp: 'off',
    relayService: { offered: false, reservations: 0 },
    stun: [],
    publicNetwork: false
  },
  connections: [],
  dht: { mode: 'server', protocol: '/test/kad/1.0.0', routingTableSize: 0, kBucketSize: 20, buckets: [], providerRecords: [], announced: [] },
  bytesIn: 0,
  bytesOut: 0,
  rateIn: 0,
  rateOut: 0,
  startedAt: 1_700_000_000_000,
  shares: 1,
  activeTransfers: 0
}

/** A share job that ended at once with FAKE_SHARE at `path`. */
export function fakeShareJob (path: string): ShareJobView {
  return { id: 'job-1', path, state: 'done', filesTotal: 1, filesDone: 1, filesReused: 0, bytesTotal: FAKE_SHARE.size, bytesDone: FAKE_SHARE.size, rate: 0, etaSeconds: 0, startedAt: 1_700_000_000_000, finishedAt: 1_700_000_000_500, share: { ...FAKE_SHARE, path } }
}

const DEFAULTS: Partial<Record<ApiCommandName, (req: any) => unknown>> = {
  status: () => FAKE_HEALTH,
  shares: () => [FAKE_SHARE],
  share: (req: { path: string }) => fakeShareJob(req.path),
  shareJobs: () => [],
  transfers: () => [FAKE_TRANSFER],
  download: () => FAKE_TRANSFER,
  peers: () => [],
  dht: () => FAKE_HEALTH.dht,
  devices: () => [],
  offers: () => [],
  inspectLink: () => { throw new InvalidLinkError('Not a PeerShare link.') }
}
