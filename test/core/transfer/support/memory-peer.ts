/**
 * A peer for in-process transfer tests: it serves one share from memory
 * through PeerShare's real protocol server, over libp2p's in-memory stream
 * pairs. A test can make it hold back chunks, corrupt them, hold back a
 * protocol's answers, claim another root, or vanish mid-transfer.
 */
import { createHash, randomBytes } from 'node:crypto'
import { streamPair } from '@libp2p/utils'
import { encodeManifest, makeManifest, MIN_CHUNK_SIZE, rootOf, type Manifest } from '../../../../electron/core/content/manifest.js'
import { FileHashes, buildPagedManifest } from '../../../../electron/core/content/paged-manifest.js'
import { ProtocolServer } from '../../../../electron/core/protocol/server.js'
import { Bitfield } from '../../../../electron/core/util/bitfield.js'
import { RateLimiter } from '../../../../electron/core/util/rate-limiter.js'
import type { ChunkSource } from '../../../../electron/core/library/chunk-source.js'
import type { AbortOptions, Connection, PeerId, Stream, StreamHandler } from '@libp2p/interface'
import type { CID } from 'multiformats/cid'

/** A share held in memory. */
export interface MemoryShare {
  readonly cid: CID
  readonly root: string
  readonly manifest: Manifest
  readonly manifestBytes: Uint8Array
  readonly data: Uint8Array
  /** Version 2: the manifest's blocks by digest (hex). */
  readonly blocks?: ReadonlyMap<string, Uint8Array>
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

/**
 * A folder share with a version-2 manifest: one file per entry of `chunks`,
 * each a whole number of random chunks (so the share's data is the files
 * end to end), its hashes in pieces when it has more than a few chunks.
 */
export async function pagedMemoryShare (chunks: readonly number[], chunkSize = MIN_CHUNK_SIZE, name = 'folder'): Promise<MemoryShare> {
  const data = randomBytes(chunkSize * chunks.reduce((a, b) => a + b, 0))
  const blocks = new Map<string, Uint8Array>()
  const sink = async (d: Uint8Array, bytes: Uint8Array): Promise<void> => { blocks.set(Buffer.from(d).toString('hex'), bytes) }
  const files = []
  let at = 0
  for (const [i, n] of chunks.entries()) {
    const hashes = new FileHashes(n, sink)
    for (let k = 0; k < n; k++, at += chunkSize) await hashes.push(createHash('sha256').update(data.subarray(at, at + chunkSize)).digest())
    files.push({ path: `${name}/file-${i}.bin`, size: n * chunkSize, ...await hashes.finish() })
  }
  const { manifest, rootBytes } = await buildPagedManifest(name, chunkSize, files, sink)
  const cid = await rootOf(rootBytes)
  return { cid, root: cid.toString(), manifest, manifestBytes: rootBytes, data, blocks }
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
  /** Who may see the share (a private share's proof check); default everyone. */
  access?: ConstructorParameters<typeof ProtocolServer>[0]['access']
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
  /** Manifest blocks it was asked for (digest, hex), in order. */
  readonly blockReads: string[] = []
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
      access: init.access ?? { allows: () => true },
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

  async block (digest: Uint8Array): Promise<Uint8Array | undefined> {
    const key = Buffer.from(digest).toString('hex')
    this.blockReads.push(key)
    return this.share.blocks?.get(key)
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
