/**
 * In-memory peers for in-process transfer tests. Each peer serves a share
 * from memory through PeerShare's real protocol server, over libp2p's
 * in-memory stream pairs; the downloader reaches them through a dialer that
 * joins the two ends. A test can make a peer hold back chunks, corrupt
 * them, hold back a protocol's answers, or vanish mid-transfer.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { streamPair } from '@libp2p/utils'
import { encodeManifest, makeManifest, MIN_CHUNK_SIZE, rootOf, type Manifest } from '../../../../electron/core/content/manifest.js'
import { ProviderFinder, type ProviderFinderComponents } from '../../../../electron/core/discovery/provider-finder.js'
import { Store, type StoreInit } from '../../../../electron/core/library/store.js'
import { AddressPolicy } from '../../../../electron/core/node/address-policy.js'
import { ProtocolServer } from '../../../../electron/core/protocol/server.js'
import { Bitfield } from '../../../../electron/core/util/bitfield.js'
import { RateLimiter } from '../../../../electron/core/util/rate-limiter.js'
import { Transfer, type TransferComponents, type TransferInit } from '../../../../electron/core/transfer/transfer.js'
import { waitFor } from '../../../support/wait.js'
import type { ChunkSource } from '../../../../electron/core/library/chunk-source.js'
import type { TransferView } from '../../../../shared/index.js'
import type { Dialer } from '../../../../electron/core/protocol/client.js'
import type { AbortOptions, Connection, PeerId, Stream, StreamHandler } from '@libp2p/interface'
import type { CID } from 'multiformats/cid'

/** A share held in memory. */
export interface MemoryShare {
  readonly cid: CID
  readonly root: string
  readonly manifest: Manifest
  readonly manifestBytes: Uint8Array
  readonly data: Uint8Array
}

/** A one-file share of `chunks` random chunks (the last one shorter). */
export async function memoryShare (chunks: number, chunkSize = MIN_CHUNK_SIZE, name = 'payload.bin'): Promise<MemoryShare> {
  const data = randomBytes(chunkSize * chunks - Math.floor(chunkSize / 3))
  const hashes = new Uint8Array(32 * chunks)
  for (let i = 0; i < chunks; i++) hashes.set(createHash('sha256').update(data.subarray(i * chunkSize, (i + 1) * chunkSize)).digest(), i * 32)
  const manifest = makeManifest(name, chunkSize, [{ path: name, size: data.byteLength, hashes }])
  const manifestBytes = encodeManifest(manifest)
  const cid = await rootOf(manifestBytes)
  return { cid, root: cid.toString(), manifest, manifestBytes, data }
}

/** A gate that stays shut until opened. */
class Gate {
  readonly opened: Promise<void>
  open!: () => void
  constructor () { this.opened = new Promise(resolve => { this.open = resolve }) }
}

export interface MemoryPeerInit {
  /** Chunks it holds; default all. */
  has?: readonly number[]
  /** Chunks it sends a bad copy of. */
  corrupt?(index: number): boolean
  /** The root it serves the share under; default the share's own (another root: a manifest that does not hash to it). */
  claims?: string
}

/** A peer serving one share from memory. */
export class MemoryPeer implements ChunkSource {
  readonly id: PeerId
  readonly key: string
  readonly root: string
  readonly manifest: Manifest
  readonly manifestBytes: Uint8Array
  /** Chunks it was asked for, in order. */
  readonly reads: number[] = []
  private readonly share: MemoryShare
  private readonly have: Bitfield
  private readonly corrupt: (index: number) => boolean
  private readonly handlers = new Map<string, StreamHandler>()
  private readonly held = new Map<number, Gate>()
  private readonly heldProtocols = new Map<string, Gate>()
  private readonly streams = new Set<Stream>()
  private readonly server: ProtocolServer
  private gone = false

  constructor (id: PeerId, share: MemoryShare, init: MemoryPeerInit = {}) {
    this.id = id
    this.key = id.toString()
    this.share = share
    this.root = init.claims ?? share.root
    this.manifest = share.manifest
    this.manifestBytes = share.manifestBytes
    this.have = new Bitfield(share.manifest.chunkCount)
    for (const i of init.has ?? Array.from({ length: share.manifest.chunkCount }, (_, i) => i)) this.have.set(i)
    this.corrupt = init.corrupt ?? (() => false)
    const registrar = {
      handle: async (protocol: string, handler: StreamHandler) => { this.handlers.set(protocol, handler) },
      unhandle: async (protocol: string) => { this.handlers.delete(protocol) }
    }
    this.server = new ProtocolServer({
      registrar: registrar as unknown as ConstructorParameters<typeof ProtocolServer>[0]['registrar'],
      sources: { get: root => root === this.root ? this : undefined },
      uploadLimiter: new RateLimiter()
    })
  }

  /** A link address of this peer. */
  get link (): string {
    return `/ip4/198.51.100.1/tcp/4001/p2p/${this.key}`
  }

  async start (): Promise<void> { await this.server.start() }

  has (index: number): boolean { return this.have.get(index) }

  haveBytes (): Uint8Array { return this.have.toBytes() }

  async read (index: number): Promise<Uint8Array> {
    this.reads.push(index)
    await this.held.get(index)?.opened
    const { chunkSize } = this.manifest
    const data = Uint8Array.from(this.share.data.subarray(index * chunkSize, (index + 1) * chunkSize))
    if (this.corrupt(index)) data[0] ^= 0xff
    return data
  }

  async close (): Promise<void> {}

  /** Chunks it will not send until released. */
  hold (...indices: number[]): void {
    for (const i of indices) if (!this.held.has(i)) this.held.set(i, new Gate())
  }

  release (...indices: number[]): void {
    for (const i of indices.length > 0 ? indices : [...this.held.keys()]) {
      this.held.get(i)?.open()
      this.held.delete(i)
    }
  }

  /** Streams of this protocol are not answered until released. */
  holdProtocol (protocol: string): void {
    if (!this.heldProtocols.has(protocol)) this.heldProtocols.set(protocol, new Gate())
  }

  releaseProtocol (protocol: string): void {
    this.heldProtocols.get(protocol)?.open()
    this.heldProtocols.delete(protocol)
  }

  /** Drops off the network: every stream is reset and dials fail from now on. */
  vanish (): void {
    this.gone = true
    for (const s of this.streams) s.abort(new Error('connection lost'))
    this.streams.clear()
  }

  /** A stream from `remote` for `protocol`, answered by this peer's server. */
  async accept (remote: PeerId, protocol: string, options: AbortOptions): Promise<Stream> {
    if (this.gone) throw new Error(`${this.key} cannot be reached`)
    const gate = this.heldProtocols.get(protocol)
    if (gate != null) await abortable(gate.opened, options.signal)
    const handler = this.handlers.get(protocol)
    if (handler == null || this.gone) throw new Error(`${this.key} does not speak ${protocol}`)
    const [outbound, inbound] = await streamPair({ protocol })
    this.streams.add(outbound)
    this.streams.add(inbound)
    void Promise.resolve(handler(inbound, { remotePeer: remote } as unknown as Connection)).catch(() => {})
    return outbound
  }

  async stop (): Promise<void> {
    this.release()
    for (const g of this.heldProtocols.values()) g.open()
    this.vanish()
    await this.server.stop()
  }
}

async function abortable (p: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (signal == null) return p
  signal.throwIfAborted()
  await new Promise<void>((resolve, reject) => {
    const fail = (): void => { reject(signal.reason) }
    signal.addEventListener('abort', fail, { once: true })
    void p.then(() => { signal.removeEventListener('abort', fail); resolve() })
  })
}

/** The downloader's side: a dialer reaching the memory peers, a finder, and a store in a temp folder. */
export class MemorySwarm implements Dialer {
  readonly self: PeerId
  readonly finder: ProviderFinder
  readonly store: Store
  readonly dir: string
  /** Peers reported as connected. */
  connected: PeerId[] = []
  /** Peers the DHT reports as providers. */
  providers: PeerId[] = []
  /** Makes recording link addresses in the peer store fail. */
  peerStoreFails = false
  /** Every dial, as `peer protocol`. */
  readonly dials: string[] = []
  private readonly peers = new Map<string, MemoryPeer>()

  private constructor (self: PeerId, dir: string, makeStore: (init: StoreInit) => Store) {
    this.self = self
    this.dir = dir
    this.store = makeStore({ path: path.join(dir, 'store') })
    const providers = (): PeerId[] => this.providers
    const node = {
      peerId: self,
      getConnections: () => this.connected.map(remotePeer => ({ remotePeer })),
      peerStore: {
        merge: async () => { if (this.peerStoreFails) throw new Error('the peer store is closed') }
      },
      contentRouting: {
        findProviders: async function * () { for (const id of providers()) yield { id, multiaddrs: [] } }
      }
    }
    this.finder = new ProviderFinder({ node: node as unknown as ProviderFinderComponents['node'], policy: new AddressPolicy() })
  }

  /** A swarm in a new temp folder; `makeStore` builds its store (default: a plain Store). */
  static async create (makeStore: (init: StoreInit) => Store = init => new Store(init)): Promise<MemorySwarm> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'peershare-memory-swarm-'))
    const swarm = new MemorySwarm(await newPeerId(), dir, makeStore)
    await swarm.store.start()
    return swarm
  }

  /** The download folder. */
  get outDir (): string {
    return path.join(this.dir, 'out')
  }

  async addPeer (share: MemoryShare, init?: MemoryPeerInit): Promise<MemoryPeer> {
    const peer = new MemoryPeer(await newPeerId(), share, init)
    await peer.start()
    this.peers.set(peer.key, peer)
    return peer
  }

  async dialProtocol (peer: PeerId, protocols: string | string[], options: AbortOptions = {}): Promise<Stream> {
    const protocol = Array.isArray(protocols) ? protocols[0] : protocols
    this.dials.push(`${peer.toString()} ${protocol}`)
    const target = this.peers.get(peer.toString())
    if (target == null) throw new Error(`no route to ${peer.toString()}`)
    return target.accept(this.self, protocol, options)
  }

  /** What a transfer needs, on this swarm; every view it reports is kept in `views`. */
  components (overrides: Partial<TransferComponents> = {}): TransferComponents & { views: TransferView[] } {
    const views: TransferView[] = []
    return {
      dialer: this,
      finder: this.finder,
      store: this.store,
      downloadLimiter: new RateLimiter(),
      onChange: t => { views.push(t.view()) },
      onReceived: () => {},
      onServable: () => {},
      onDone: async () => {},
      onUnservable: () => {},
      ...overrides,
      views
    }
  }

  /** A new transfer of `share` from the link addresses of `peers`. */
  transfer (share: MemoryShare, peers: readonly MemoryPeer[], components = this.components(), init: Partial<TransferInit> = {}): Transfer {
    return new Transfer(components, { root: share.root, outDir: this.outDir, linkPeers: peers.map(p => p.link), ...init })
  }

  async stop (): Promise<void> {
    await Promise.all([...this.peers.values()].map(async p => p.stop()))
    await this.store.stop()
    await fs.rm(this.dir, { recursive: true, force: true })
  }
}

async function newPeerId (): Promise<PeerId> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
}

/** Waits until the transfer's view passes `check`; returns that view. */
export async function viewWhen (t: Transfer, what: string, check: (v: TransferView) => boolean, timeoutMs = 10_000): Promise<TransferView> {
  return waitFor(() => { const v = t.view(); return check(v) ? v : undefined }, { what, timeoutMs, intervalMs: 10, diagnose: () => summary(t.view()) })
}

/** The view without its long lists, for failure messages. */
export function summary (v: TransferView): unknown {
  return { ...v, files: v.files.length, peers: v.peers.map(p => ({ ...p, peerId: p.peerId.slice(-6) })) }
}
