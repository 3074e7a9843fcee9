/**
 * The fetching half of a transfer, which exists once the manifest is known:
 * pulls chunks from every source peer at once, each peer with a window of
 * requests in flight sized to its measured rate (fast peers first, rare
 * chunks first), verifies each chunk, writes it to the partial files and
 * records it in the progress log. A chunk that fails verification is
 * fetched elsewhere, and a peer that sends bad chunks repeatedly is banned;
 * a peer that fails, or falls far behind the others, is dropped and its
 * chunks go to the others. When every source left was banned, the run stops
 * and says so rather than wait for ever (source-judge.ts); when no source
 * holds a chunk still needed, it says it is waiting, and what for
 * (waiting.ts). A peer whose relayed connection gave way to a direct one
 * (PathUpgradedError) stays: its next requests go out on the direct
 * connection.
 */
import { BAN_THRESHOLD, FLUSH_INTERVAL, HAVE_REFRESH_INTERVAL, MAX_PROCESSING, MAX_WINDOW, WORK_TICK } from '../defaults.js'
import { BlockMismatchError, ChunkIntegrityError, DiskFullError, PathUpgradedError, type PeerShareError } from '../errors.js'
import { locateChunk, type Manifest } from '../content/manifest.js'
import { chunkMatches, PartialSource } from '../library/chunk-source.js'
import { log } from '../logger.js'
import { ChunkSession, fetchBlock, fetchHave, NotAvailableError, type Dialer } from '../protocol/client.js'
import { RateMeter } from '../util/rate-meter.js'
import { ChunkPicker } from './chunk-picker.js'
import { SourceJudge } from './source-judge.js'
import { SourcePeer } from './source-peer.js'
import { Wakeup } from '../util/wakeup.js'
import { peerView, type DownloadSnapshot } from './transfer-view.js'
import { Waiting } from './waiting.js'
import type { PartialFiles } from './partial-files.js'
import type { ProgressLog } from './progress-log.js'
import type { Wanted } from './wanted.js'
import type { Candidate } from '../discovery/provider-finder.js'
import type { ChunkHashes, PieceOptions } from '../content/chunk-hashes.js'
import type { RootBlocks } from '../library/block-store.js'
import type { Bitfield } from '../util/bitfield.js'
import type { RateLimiter } from '../util/rate-limiter.js'
import type { Prover } from '../access/share-keys.js'
import type { CID } from 'multiformats/cid'
import type { ConnectionPath } from '../../../shared/index.js'

const logger = log('transfer')

export interface DownloadComponents {
  dialer: Dialer
  downloadLimiter: RateLimiter
  /** Told whenever the view may have changed. */
  onChange(): void
  /** Told about every verified chunk's bytes, per peer. */
  onReceived(peer: string, bytes: number): void
  /** The partial download can serve its verified chunks from now on. */
  onServable(source: PartialSource): void
  /** Something that fetching elsewhere cannot fix (a full disk, a failed save): the run must stop with it. */
  onFatal(err: Error): void
  /** How a peer is connected now, for the view. Default: unknown (null). */
  pathOf?(peer: string): { path: ConnectionPath, relay?: string } | undefined
  /** The root's manifest blocks this node holds, served with the partial data; default none. */
  blocks?: Pick<RootBlocks, 'get'>
}

export interface DownloadInit {
  root: string
  cid: CID
  manifest: Manifest
  manifestBytes: Uint8Array
  /** The chunks' expected hashes; pieces the download needs come through fetchPiece. */
  hashes: ChunkHashes
  wanted: Wanted
  partial: PartialFiles
  progress: ProgressLog
  /** A private share's proofs; default none (public). */
  prove?: Prover
}

export class Download {
  readonly manifest: Manifest
  readonly manifestBytes: Uint8Array
  readonly hashes: ChunkHashes
  readonly wanted: Wanted
  readonly partial: PartialFiles
  readonly progress: ProgressLog
  private readonly components: DownloadComponents
  private readonly root: string
  private readonly cid: CID
  private readonly prove?: Prover
  private readonly picker: ChunkPicker
  private readonly peers = new Map<string, SourcePeer>()
  private readonly banned = new Set<string>()
  /** Peers dropped for falling behind (benched), and whether every source is banned. */
  private readonly judge: SourceJudge
  private readonly meter = new RateMeter()
  /** Chunks received and not yet checked, written and recorded. */
  private processing = 0
  private readonly wakeup = new Wakeup()
  /** Whether this run's partial data has been offered to other peers. */
  private servable = false
  private chunksResumed = 0
  private chunksFetched = 0
  private badChunks = 0
  /** Whether it waits for a source, and what for. */
  private readonly waiting: Waiting

  constructor (components: DownloadComponents, init: DownloadInit) {
    this.components = components
    this.root = init.root
    this.cid = init.cid
    this.prove = init.prove
    this.manifest = init.manifest
    this.manifestBytes = init.manifestBytes
    this.hashes = init.hashes
    this.wanted = init.wanted
    this.partial = init.partial
    this.progress = init.progress
    const verified = init.progress.verified
    this.picker = new ChunkPicker({ chunkCount: init.manifest.chunkCount, needed: i => !verified.get(i) && init.wanted.has(i) })
    this.judge = new SourceJudge({
      peers: this.peers,
      dropPeer: p => { this.dropPeer(p) },
      onFatal: err => { this.components.onFatal(err) }
    }, { root: init.root, chunkSize: init.manifest.chunkSize })
    this.waiting = new Waiting({
      picker: this.picker,
      processing: () => this.processing,
      connectedSources: () => [...this.peers.values()].filter(p => !p.banned).length
    })
  }

  /** Source peers now in use. */
  get peerCount (): number {
    return this.peers.size
  }

  /** Whether a peer is in use, banned or benched for now (no need to ask it again). */
  knows (peer: string): boolean {
    return this.peers.has(peer) || this.banned.has(peer) || this.judge.benchedNow(peer)
  }

  /** A peer said which chunks it holds: it becomes a source. */
  join (c: Candidate, have: Bitfield): void {
    const key = c.peerId.toString()
    if (this.knows(key)) return
    const p = new SourcePeer(c.peerId, have, c.source)
    this.peers.set(key, p)
    this.picker.add(have)
    logger('%s: peer %s (%s) has %d/%d chunks', this.root, key, c.source, have.count(), have.length)
    this.wakeup.wake()
    this.components.onChange()
  }

  /** Readies a run: the partial files, the progress (re-checked after a restart), the counters. */
  async prepare (signal: AbortSignal): Promise<void> {
    await this.partial.prepare(this.wanted.size - this.wanted.bytesDone(this.progress.verified))
    this.chunksResumed = await this.progress.begin(signal)
    this.picker.rewind()
    this.chunksFetched = 0
    // A new run judges peers afresh: resuming is what a person does once the sharer fixed its copy.
    this.banned.clear()
    this.judge.reset()
    this.waiting.reset()
    this.servable = false
    // Offered to others (and announced) once there is a verified chunk to offer; announcing
    // earlier only adds DHT traffic while the first chunks are being fetched.
    if (this.chunksResumed > 0) this.makeServable()
  }

  /** Fetches until every wanted chunk is verified; throws the signal's reason when stopped. */
  async run (signal: AbortSignal): Promise<void> {
    const flusher = setInterval(() => { void this.progress.flush().catch(err => { this.components.onFatal(err as Error) }) }, FLUSH_INTERVAL)
    try {
      while (!this.wanted.complete(this.progress.verified)) {
        signal.throwIfAborted()
        this.judge.judgePeers()
        this.judge.checkSources()
        this.refreshHaves(signal)
        this.pump(signal)
        this.waiting.noteStuck()
        // Also when nothing arrived: the view's speed falls and a wait is seen as such.
        this.components.onChange()
        await this.wakeup.wait(WORK_TICK, signal)
        signal.throwIfAborted()
      }
    } finally {
      clearInterval(flusher)
      for (const p of this.peers.values()) void p.session?.close()
    }
  }

  /** Makes the data durable and moves the files under their real names; returns the share's final path. */
  async finish (): Promise<string> {
    await this.progress.flush()
    return this.partial.finalize()
  }

  /** Ends a run however it ended: drops every peer, saves what was verified, closes the files. */
  async stop (reason: Error): Promise<void> {
    for (const p of this.peers.values()) p.session?.fail(reason)
    this.peers.clear()
    this.picker.forgetPeers()
    await this.progress.flush().catch(err => { logger.error('%s: saving progress failed: %s', this.root, (err as Error).message) })
    await this.partial.close()
  }

  /** The state the view is built from. */
  snapshot (): DownloadSnapshot {
    return {
      manifest: this.manifest,
      wanted: this.wanted,
      verified: this.progress.verified,
      rate: this.meter.rate(),
      peers: [...this.peers.values()].map(p => peerView(p, p.meter.rate(), this.components.pathOf?.(p.key))),
      bannedPeers: [...this.banned],
      chunksResumed: this.chunksResumed,
      chunksFetched: this.chunksFetched,
      badChunks: this.badChunks,
      waiting: this.waiting.waitingView()
    }
  }

  /** Whether it has been unable to fetch anything from anyone for WAITING_GRACE: it waits for a source. */
  get stalled (): boolean {
    return this.waiting.stalled
  }

  private makeServable (): void {
    if (this.servable) return
    this.servable = true
    this.components.onServable(new PartialSource(this.root, this.hashes, this.manifestBytes, this.progress.verified, p => this.partial.pathOf(p), { pool: this.partial.pool, blocks: this.components.blocks }))
  }

  /**
   * A piece of chunk hashes from a source peer: the one named (about to
   * send a chunk the piece covers) when it is still a source, else any.
   * The caller checks it against its digest.
   */
  async fetchPiece (digest: Uint8Array, options: PieceOptions): Promise<{ bytes: Uint8Array, from: string }> {
    const named = options.peer == null ? undefined : this.peers.get(options.peer)
    const p = named != null && !named.banned ? named : [...this.peers.values()].find(q => !q.banned)
    if (p == null) throw new NotAvailableError('a piece of chunk hashes: no source peer is left')
    return { bytes: await fetchBlock(this.components.dialer, p.id, this.cid, digest, { signal: options.signal, prove: this.prove }), from: p.key }
  }

  /** Partial seeders gain chunks; ask them again now and then. */
  private refreshHaves (signal: AbortSignal): void {
    const now = Date.now()
    for (const p of this.peers.values()) {
      if (p.banned || p.have.complete() || now - p.lastHaveAt < HAVE_REFRESH_INTERVAL) continue
      p.lastHaveAt = now
      void fetchHave(this.components.dialer, p.id, this.cid, this.manifest.chunkCount, { signal, prove: this.prove }).then(have => {
        if (this.peers.get(p.key) !== p || p.banned) return
        this.picker.remove(p.have)
        p.have = have
        this.picker.add(have)
        this.wakeup.wake()
      }, () => {})
    }
  }

  /** Fills every peer's window, fastest peers first. */
  private pump (signal: AbortSignal): void {
    const peers = [...this.peers.values()].filter(p => !p.banned).sort((a, b) => b.meter.rate() - a.meter.rate())
    for (const p of peers) {
      const window = p.window(this.manifest.chunkSize)
      while (p.inFlight < window && this.processing < MAX_PROCESSING) {
        const index = this.picker.pick(p)
        if (index == null) break
        p.inFlight++
        void this.fetchChunk(p, index, signal)
      }
    }
  }

  private async fetchChunk (p: SourcePeer, index: number, signal: AbortSignal): Promise<void> {
    let arrived = false
    let asked = false
    let session: ChunkSession | undefined
    try {
      await this.components.downloadLimiter.take(locateChunk(this.manifest, index).length, { signal })
      // The chunk's hash first: its piece comes from this peer if no other chunk brought it yet.
      const expected = await this.hashes.of(index, { peer: p.key, signal })
      session = p.session ??= new ChunkSession(this.components.dialer, p.id, this.cid, { maxInFlight: MAX_WINDOW, prove: this.prove })
      // The peer is judged from when a request went out to it, not while the download limit held it back.
      if (p.asked === 0) p.waitingSince = Date.now()
      p.asked++
      asked = true
      const data = await session.request(index, { signal })
      // The peer's window slot frees as soon as the bytes are here: the next request goes out
      // while this chunk is checked and written (MAX_PROCESSING bounds how many wait for that).
      arrived = true
      p.inFlight--
      p.asked--
      p.waitingSince = Date.now()
      this.processing++
      this.wakeup.wake()
      if (!chunkMatches(expected, data)) {
        this.onBadChunk(p, index)
        return
      }
      await this.partial.write(index, data)
      await this.progress.record(index)
      this.makeServable()
      this.chunksFetched++
      this.waiting.lastChunkAt = Date.now()
      p.received++
      p.meter.add(data.byteLength)
      p.peakRate = Math.max(p.peakRate, p.meter.rate())
      this.meter.add(data.byteLength)
      this.components.onReceived(p.key, data.byteLength)
      // Progress: the engine throttles these to a few events a second per transfer.
      this.components.onChange()
    } catch (err) {
      if (signal.aborted) return
      if (err instanceof BlockMismatchError) {
        // A piece that does not match the listing that names it counts against its sender as a bad chunk does.
        const sender = this.peers.get(err.from)
        if (sender != null) this.onBadChunk(sender, index, err)
        return
      }
      if (err instanceof DiskFullError || (err as PeerShareError).code === 'write-failed') {
        this.components.onFatal(err as Error)
        return
      }
      if (err instanceof PathUpgradedError) {
        // The peer is now reached directly: a new session opens on the direct connection.
        if (p.session === session) p.session = undefined
        return
      }
      logger('%s: chunk %d from %s failed: %s', this.root, index, p.key, (err as Error).message)
      this.dropPeer(p)
    } finally {
      this.picker.release(index)
      if (arrived) this.processing--
      else {
        p.inFlight--
        if (asked) p.asked--
      }
      this.wakeup.wake()
    }
  }

  private onBadChunk (p: SourcePeer, index: number, err: PeerShareError = new ChunkIntegrityError(index, p.key)): void {
    this.badChunks++
    p.bad++
    this.picker.exclude(index, p.key)
    logger('%s: %s (%d from this peer)', this.root, err.message, p.bad)
    if (p.bad < BAN_THRESHOLD || p.banned) return
    p.banned = true
    this.banned.add(p.key)
    logger('%s: banned %s after %d bad chunks', this.root, p.key, p.bad)
    this.picker.remove(p.have)
    p.session?.fail(err)
    this.components.onChange()
  }

  /** Forgets a peer that failed (stalled, vanished); discovery may bring it back. */
  private dropPeer (p: SourcePeer): void {
    if (this.peers.get(p.key) !== p || p.banned) return
    this.peers.delete(p.key)
    this.picker.remove(p.have)
    p.session?.fail(new Error('peer dropped'))
    this.components.onChange()
  }
}
