/**
 * One download: find peers, fetch and verify the manifest, then pull chunks
 * from every peer that has them at once. Each peer keeps a window of
 * requests in flight sized to its measured rate, so fast peers get more;
 * rare chunks are picked first. A chunk that fails verification is dropped
 * and fetched elsewhere, and a peer that sends bad chunks repeatedly is
 * banned. Verified chunks go to partial files; progress is persisted (after
 * an fsync) so a restart resumes without fetching a verified chunk again.
 */
import { CID } from 'multiformats/cid'
import {
  BAN_THRESHOLD, DISCOVERY_INTERVAL, FIND_TIMEOUT, FLUSH_INTERVAL, HAVE_REFRESH_INTERVAL, INITIAL_WINDOW,
  MAX_PROCESSING, MAX_WINDOW, MIN_WINDOW, SOURCE_GRACE, WINDOW_TARGET_MS
} from '../defaults.js'
import { AbortedError, ChunkIntegrityError, DiskFullError, NoProvidersError, PeerShareError, toErrorBody, isAbort } from '../errors.js'
import { locateChunk, fileViews, type Manifest, decodeManifest } from '../content/manifest.js'
import { chunksOf, selectFiles } from '../content/selection.js'
import { chunkMatches, PartialSource } from '../library/chunk-source.js'
import { log } from '../logger.js'
import { ChunkSession, fetchHave, fetchManifest, type Dialer } from '../protocol/client.js'
import { Bitfield } from '../util/bitfield.js'
import { RateMeter } from '../util/rate-meter.js'
import { PartialFiles } from './partial-files.js'
import type { TransferState, TransferView, TransferPeerView } from '../../../shared/index.js'
import type { Candidate, ProviderFinder } from '../discovery/provider-finder.js'
import type { Store } from '../library/store.js'
import type { RateLimiter } from '../util/rate-limiter.js'
import type { PeerId } from '@libp2p/interface'

const logger = log('transfer')


/** What a transfer needs from the engine. */
export interface TransferComponents {
  dialer: Dialer
  finder: ProviderFinder
  store: Store
  downloadLimiter: RateLimiter
  /** Told whenever the view may have changed. */
  onChange(transfer: Transfer): void
  /** Told about every verified chunk's bytes, per peer. */
  onReceived(peer: string, bytes: number): void
  /** A partial download can serve its verified chunks from now on. */
  onServable(source: PartialSource): void
  /** The download is complete and under its real name. */
  onDone(transfer: Transfer, manifest: Manifest, manifestBytes: Uint8Array, path: string): Promise<void>
  /** The partial data is gone (cancel) or finished; stop serving it. */
  onUnservable(root: string): void
}

export interface TransferInit {
  root: string
  name?: string
  size?: number
  outDir: string
  /** Addresses from the link, each ending in /p2p/<id>. */
  linkPeers: readonly string[]
  /** Paths (files or folders) to fetch; default: the whole share. */
  files?: readonly string[]
  /** Give up finding any peer after this long, ms. Default 60 s. */
  findTimeout?: number
}

/** What is persisted per transfer. */
export interface TransferRecord {
  root: string
  name?: string
  size?: number
  outDir: string
  state: TransferState
  error?: { code: string, message: string }
  path?: string
  startedAt: number
  finishedAt?: number
  linkPeers: string[]
  /** Picked paths; absent for the whole share. */
  files?: string[]
}

export const storeKeys = {
  record: (root: string) => `transfer/${root}`,
  bits: (root: string) => `bits/${root}`,
  manifest: (root: string) => `manifest/${root}`
}

/** One source peer within a transfer. */
class PeerState {
  readonly id: PeerId
  readonly key: string
  readonly foundVia: Candidate['source']
  have: Bitfield
  session?: ChunkSession
  inFlight = 0
  received = 0
  bad = 0
  banned = false
  readonly meter = new RateMeter()
  lastHaveAt = Date.now()

  constructor (id: PeerId, have: Bitfield, foundVia: Candidate['source']) {
    this.id = id
    this.foundVia = foundVia
    this.key = id.toString()
    this.have = have
  }

  window (chunkSize: number): number {
    const byRate = Math.ceil((this.meter.rate() * WINDOW_TARGET_MS / 1000) / chunkSize) + 1
    return Math.max(MIN_WINDOW, Math.min(MAX_WINDOW, this.received === 0 ? INITIAL_WINDOW : byRate))
  }
}

export class Transfer {
  readonly root: string
  private readonly cid: CID
  private readonly components: TransferComponents
  private readonly findTimeout: number
  private record: TransferRecord
  private manifest?: Manifest
  private manifestBytes?: Uint8Array
  private verified?: Bitfield
  /** The chunks of the picked files; undefined when the whole share is wanted. */
  private wanted?: Bitfield
  /** Paths of the picked files (folders expanded). */
  private wantedFiles?: string[]
  private partial?: PartialFiles
  private readonly peers = new Map<string, PeerState>()
  private readonly banned = new Set<string>()
  private readonly inFlight = new Set<number>()
  /** Peers that sent a bad copy of a chunk are not asked for it again. */
  private readonly excluded = new Map<number, Set<string>>()
  private availability?: Uint16Array
  private readonly meter = new RateMeter()
  private run?: { controller: AbortController, done: Promise<void> }
  private wake?: () => void
  /** Chunks received and not yet checked, written and recorded. */
  private processing = 0
  /** A progress save not yet started; chunks written meanwhile wait for it. */
  private queuedSave?: Promise<void>
  /** Written data not yet fsynced. */
  private dataDirty = false
  /** Verified chunks whose bit is being saved; a chunk counts as done once its bit is in the store. */
  private written?: Bitfield
  private saving: Promise<void> = Promise.resolve()
  /** Set after a restart: chunks claimed by the store are re-hashed before they are trusted. */
  private recheck = false
  private chunksResumed = 0
  private chunksFetched = 0
  private badChunks = 0

  constructor (components: TransferComponents, init: TransferInit, record?: TransferRecord) {
    this.components = components
    this.root = init.root
    this.cid = CID.parse(init.root)
    this.findTimeout = init.findTimeout ?? FIND_TIMEOUT
    this.record = record ?? {
      root: init.root,
      name: init.name,
      size: init.size,
      outDir: init.outDir,
      state: 'finding-peers',
      startedAt: Date.now(),
      linkPeers: [...init.linkPeers],
      files: init.files == null || init.files.length === 0 ? undefined : [...init.files]
    }
  }

  /** The manifest, once fetched. */
  knownManifest (): Manifest | undefined {
    return this.manifest
  }

  /** The picked paths, or null when the whole share is wanted. */
  get selectedFiles (): readonly string[] | null {
    return this.record.files ?? null
  }

  get state (): TransferState {
    return this.record.state
  }

  /** Whether the transfer is working (not paused, done or failed). */
  get active (): boolean {
    return this.run != null
  }

  /** Whether any chunk is verified yet (cheap; the first one is news worth sending at once). */
  get started (): boolean {
    return (this.verified?.count() ?? 0) > 0
  }

  /** Adds addresses from another link for the same root. */
  addLinkPeers (addrs: readonly string[]): void {
    for (const a of addrs) if (!this.record.linkPeers.includes(a)) this.record.linkPeers.push(a)
  }

  /** Starts or resumes work; a no-op when running or done. */
  start (): void {
    if (this.run != null || this.record.state === 'done') return
    const controller = new AbortController()
    this.record.error = undefined
    const done = this.work(controller.signal).catch(err => this.onFailure(err, controller.signal))
    this.run = { controller, done }
    void done.finally(() => { if (this.run?.controller === controller) this.run = undefined })
  }

  /** Stops work and keeps progress; state becomes 'paused'. */
  async pause (reason?: PeerShareError): Promise<void> {
    if (this.record.state === 'done') return
    await this.halt()
    this.record.state = 'paused'
    this.record.error = reason == null ? undefined : toErrorBody(reason)
    await this.persist()
    this.components.onChange(this)
  }

  /** Stops work and deletes the partial data and the record. */
  async cancel (): Promise<void> {
    await this.halt()
    this.components.onUnservable(this.root)
    if (this.record.state !== 'done') {
      const partial = this.partial ?? (this.manifest != null ? new PartialFiles({ outDir: this.record.outDir, root: this.root, manifest: this.manifest, files: this.wantedFiles }) : undefined)
      await partial?.remove()
    }
    const k = storeKeys
    await this.components.store.del(k.record(this.root), k.bits(this.root), k.manifest(this.root))
  }

  /** Stops work (engine shutdown) without changing the persisted state. */
  async halt (): Promise<void> {
    const run = this.run
    if (run == null) return
    run.controller.abort(new AbortedError())
    this.wake?.()
    await run.done
    this.run = undefined
    for (const p of this.peers.values()) p.session?.fail(new AbortedError())
    this.peers.clear()
    this.availability?.fill(0)
    await this.flush().catch(err => logger.error('%s: saving progress failed: %s', this.root, (err as Error).message))
    await this.partial?.close()
  }

  /** Loads persisted manifest and progress (after a restart). */
  async load (): Promise<void> {
    const bytes = await this.components.store.getBytes(storeKeys.manifest(this.root))
    if (bytes == null) return
    this.setManifest(decodeManifest(bytes), bytes)
    const bits = await this.components.store.getBytes(storeKeys.bits(this.root))
    if (bits != null) {
      this.verified = new Bitfield(this.manifest!.chunkCount, bits)
      this.recheck = true
    }
  }

  view (): TransferView {
    const m = this.manifest
    const chunkCount = m == null ? 0 : this.wanted?.count() ?? m.chunkCount
    const done = this.wantedDone()
    const bytesDone = m == null || this.verified == null ? 0 : this.bytesVerified()
    const rate = this.meter.rate()
    const size = m == null ? this.record.size ?? 0 : this.wantedSize()
    const peers: TransferPeerView[] = [...this.peers.values()].map(p => ({
      peerId: p.key,
      foundVia: p.foundVia,
      has: p.have.count(),
      inFlight: p.inFlight,
      chunksReceived: p.received,
      bytesReceived: p.meter.total,
      rate: p.meter.rate(),
      badChunks: p.bad,
      banned: p.banned
    }))
    return {
      id: this.root,
      root: this.root,
      name: m?.name ?? this.record.name ?? this.root,
      size,
      state: this.record.state,
      error: this.record.error,
      outDir: this.record.outDir,
      path: this.record.path,
      chunkCount,
      chunksDone: this.record.state === 'done' ? chunkCount : done,
      bytesDone: this.record.state === 'done' ? size : bytesDone,
      selectedFiles: this.selectedFiles,
      chunksResumed: this.chunksResumed,
      chunksFetched: this.chunksFetched,
      badChunks: this.badChunks,
      rate: this.record.state === 'downloading' ? rate : 0,
      etaSeconds: this.record.state === 'downloading' && rate > 0 ? (size - bytesDone) / rate : null,
      peers,
      bannedPeers: [...this.banned],
      files: m == null ? [] : fileViews(m),
      startedAt: this.record.startedAt,
      finishedAt: this.record.finishedAt
    }
  }

  /** Verified bytes of the wanted chunks. */
  private bytesVerified (): number {
    const m = this.manifest!
    if (this.verified!.complete()) return this.wantedSize()
    let bytes = 0
    for (let i = 0; i < m.chunkCount; i++) if (this.verified!.get(i) && this.isWanted(i)) bytes += locateChunk(m, i).length
    return bytes
  }

  private isWanted (index: number): boolean {
    return this.wanted?.get(index) ?? true
  }

  /** Verified chunks among the wanted ones. */
  private wantedDone (): number {
    const v = this.verified
    if (v == null) return 0
    if (this.wanted == null) return v.count()
    let n = 0
    for (let i = 0; i < v.length; i++) if (v.get(i) && this.wanted.get(i)) n++
    return n
  }

  /** Whether every wanted chunk is verified. */
  private wantedComplete (): boolean {
    if (this.wanted == null) return this.verified!.complete()
    return this.wantedDone() === this.wanted.count()
  }

  private wantedSize (): number {
    const m = this.manifest!
    if (this.wantedFiles == null) return m.size
    const picked = new Set(this.wantedFiles)
    return m.files.reduce((n, f) => picked.has(f.path) ? n + f.size : n, 0)
  }

  /** Takes the manifest; throws BadRequestError when a picked path is not in it. */
  private setManifest (manifest: Manifest, bytes: Uint8Array): void {
    if (this.record.files != null) {
      const files = selectFiles(manifest, this.record.files)
      this.wanted = chunksOf(manifest, files)
      this.wantedFiles = files.map(f => f.path)
    }
    this.manifest = manifest
    this.manifestBytes = bytes
    this.record.name = manifest.name
    this.record.size = manifest.size
    this.verified ??= new Bitfield(manifest.chunkCount)
    this.availability = new Uint16Array(manifest.chunkCount)
  }

  private setState (state: TransferState): void {
    if (this.record.state === state) return
    this.record.state = state
    void this.persist()
    this.components.onChange(this)
  }

  private async persist (): Promise<void> {
    await this.components.store.putJson(storeKeys.record(this.root), this.record)
  }

  private async work (signal: AbortSignal): Promise<void> {
    this.setState(this.manifest == null ? 'finding-peers' : 'downloading')
    await this.persist()
    const discovery = this.discover(signal)
    await this.waitForManifest(signal)
    const m = this.manifest!
    this.partial ??= new PartialFiles({ outDir: this.record.outDir, root: this.root, manifest: m, files: this.wantedFiles })
    await this.partial.prepare(this.wantedSize() - this.bytesVerified())
    if (this.recheck) await this.recheckVerified(signal)
    this.written = new Bitfield(m.chunkCount, this.verified!.toBytes())
    this.chunksResumed = this.verified!.count()
    this.chunksFetched = 0
    this.servable = false
    // Offered to others (and announced) once there is a verified chunk to offer; announcing
    // earlier only adds DHT traffic while the first chunks are being fetched.
    if (this.verified!.count() > 0) this.makeServable()
    this.setState('downloading')

    const flusher = setInterval(() => { void this.flush().catch(err => this.abortWith(err)) }, FLUSH_INTERVAL)
    try {
      while (!this.wantedComplete()) {
        signal.throwIfAborted()
        this.refreshHaves(signal)
        this.pump(signal)
        await new Promise<void>(resolve => {
          const timer = setTimeout(resolve, 1000)
          this.wake = () => { clearTimeout(timer); resolve() }
        })
        if (this.fatal != null) throw this.fatal
      }
    } finally {
      clearInterval(flusher)
      for (const p of this.peers.values()) void p.session?.close()
    }
    this.setState('verifying')
    await discovery.stop()
    await this.flush()
    const finalPath = await this.partial.finalize()
    this.components.onUnservable(this.root)
    this.record.path = finalPath
    this.record.finishedAt = Date.now()
    this.record.state = 'done'
    await this.persist()
    await this.components.store.del(storeKeys.bits(this.root))
    await this.components.onDone(this, m, this.manifestBytes!, finalPath)
    logger('%s done: %d chunks fetched, %d resumed, %d bad', this.root, this.chunksFetched, this.chunksResumed, this.badChunks)
    this.components.onChange(this)
  }

  private fatal?: Error
  /** Whether the partial data has been offered to other peers. */
  private servable = false

  private makeServable (): void {
    if (this.servable) return
    this.servable = true
    this.components.onServable(new PartialSource(this.root, this.manifest!, this.manifestBytes!, this.verified!, p => this.partial!.pathOf(p)))
  }

  private abortWith (err: Error): void {
    this.fatal ??= err
    this.wake?.()
  }

  /** Makes written data durable (a power cut, unlike a killed process, can lose unsynced writes). */
  private async flush (): Promise<void> {
    if (!this.dataDirty || this.partial == null) return
    this.dataDirty = false
    await this.partial.sync()
    await this.saving
  }

  /**
   * Records a written, verified chunk in the store, then counts it as done.
   * Saves run one at a time and each saves every chunk written before it
   * started, so chunks written while one runs share the next one, and the
   * store never lags the view: a killed process loses no verified chunk.
   */
  private async recordVerified (index: number): Promise<void> {
    this.written!.set(index)
    if (this.queuedSave == null) {
      const save = this.saving.then(async () => {
        this.queuedSave = undefined
        await this.components.store.putBytes(storeKeys.bits(this.root), this.written!.toBytes())
      })
      this.queuedSave = save
      this.saving = save.catch(() => {})
    }
    await this.queuedSave
    this.verified!.set(index)
  }

  /**
   * After a restart, re-hashes the chunks the store says are done; one that no
   * longer matches (its data was lost in a power cut, or the partial file was
   * touched) is fetched again.
   */
  private async recheckVerified (signal: AbortSignal): Promise<void> {
    const m = this.manifest!
    let dropped = 0
    for (let i = 0; i < m.chunkCount; i++) {
      signal.throwIfAborted()
      if (!this.verified!.get(i)) continue
      if (!chunkMatches(m, i, await this.partial!.read(i))) {
        this.verified!.clear(i)
        dropped++
      }
    }
    this.recheck = false
    if (dropped > 0) {
      logger('%s: %d chunks on disk no longer matched after the restart; fetching them again', this.root, dropped)
      await this.components.store.putBytes(storeKeys.bits(this.root), this.verified!.toBytes())
    }
  }

  /** Feeds candidates into the transfer until stopped: link, connected, then DHT, repeatedly. */
  private discover (signal: AbortSignal): { stop(): Promise<void> } {
    const controller = new AbortController()
    const both = AbortSignal.any([signal, controller.signal])
    const loop = (async () => {
      const started = Date.now()
      while (!both.aborted) {
        // Cheapest sources first, each given a moment to answer before the next adds its traffic:
        // the first chunk then does not queue behind a fan-out that turns out to be unneeded.
        const settle = async (candidates: Candidate[]): Promise<void> => {
          const asked = candidates.map(async c => { await this.consider(c, both) })
          if (asked.length > 0) await Promise.race([Promise.allSettled(asked), sleep(SOURCE_GRACE, both)])
        }
        await settle(await this.components.finder.fromLink(this.record.linkPeers))
        await settle(this.components.finder.connected())
        const round = AbortSignal.any([both, AbortSignal.timeout(DISCOVERY_INTERVAL)])
        for await (const c of this.components.finder.fromDht(this.cid, { signal: round })) void this.consider(c, both)
        if (this.manifest == null && this.peers.size === 0 && Date.now() - started > this.findTimeout) {
          this.abortWith(new NoProvidersError(this.root))
          return
        }
        await sleep(this.peers.size === 0 ? 1_000 : DISCOVERY_INTERVAL, both)
      }
    })().catch(() => {})
    return {
      stop: async () => { controller.abort(); await loop }
    }
  }

  private readonly considering = new Set<string>()

  /** Asks a candidate for the manifest (if still needed) and which chunks it has. */
  private async consider (c: Candidate, signal: AbortSignal): Promise<void> {
    const key = c.peerId.toString()
    if (this.peers.has(key) || this.banned.has(key) || this.considering.has(key)) return
    this.considering.add(key)
    try {
      let saved: Promise<void> = Promise.resolve()
      if (this.manifest == null) {
        const { manifest, bytes } = await fetchManifest(this.components.dialer, c.peerId, this.cid, { signal })
        if (this.manifest == null) {
          try {
            this.setManifest(manifest, bytes)
          } catch (err) {
            this.abortWith(err as Error)
            return
          }
          // Saved while the peer is asked which chunks it holds.
          saved = (async () => {
            await this.components.store.putBytes(storeKeys.manifest(this.root), bytes)
            await this.persist()
          })()
          this.wake?.()
        }
      }
      const have = await fetchHave(this.components.dialer, c.peerId, this.cid, this.manifest!.chunkCount, { signal })
      await saved
      if (this.peers.has(key) || this.banned.has(key)) return
      const p = new PeerState(c.peerId, have, c.source)
      this.peers.set(key, p)
      this.addAvailability(have, 1)
      logger('%s: peer %s (%s) has %d/%d chunks', this.root, key, c.source, have.count(), have.length)
      this.wake?.()
      this.components.onChange(this)
    } catch (err) {
      if (!signal.aborted) {
        logger('%s: candidate %s (%s) unusable: %s', this.root, key, c.source, (err as Error).message)
        // A hostile or broken manifest is the transfer's problem only if nobody else has a good one.
        if ((err as PeerShareError).code === 'manifest-invalid' || (err as PeerShareError).code === 'too-large' || (err as PeerShareError).code === 'unsafe-path') this.lastManifestError = err as Error
      }
    } finally {
      this.considering.delete(key)
    }
  }

  private lastManifestError?: Error

  private async waitForManifest (signal: AbortSignal): Promise<void> {
    const started = Date.now()
    while (this.manifest == null) {
      signal.throwIfAborted()
      if (this.fatal != null) throw this.fatal
      // A peer offered a bad manifest and no good one arrived soon after: say why.
      if (this.lastManifestError != null && Date.now() - started > 3_000) throw this.lastManifestError
      await new Promise<void>(resolve => { this.wake = resolve; setTimeout(resolve, 250) })
    }
  }

  private addAvailability (have: Bitfield, delta: 1 | -1): void {
    const a = this.availability!
    for (let i = 0; i < have.length; i++) if (have.get(i)) a[i] += delta
  }

  /** Partial seeders gain chunks; ask them again now and then. */
  private refreshHaves (signal: AbortSignal): void {
    const now = Date.now()
    for (const p of this.peers.values()) {
      if (p.banned || p.have.complete() || now - p.lastHaveAt < HAVE_REFRESH_INTERVAL) continue
      p.lastHaveAt = now
      void fetchHave(this.components.dialer, p.id, this.cid, this.manifest!.chunkCount, { signal }).then(have => {
        this.addAvailability(p.have, -1)
        p.have = have
        this.addAvailability(have, 1)
        this.wake?.()
      }, () => {})
    }
  }

  /** Fills every peer's window, fastest peers first. */
  private pump (signal: AbortSignal): void {
    const m = this.manifest!
    const peers = [...this.peers.values()].filter(p => !p.banned).sort((a, b) => b.meter.rate() - a.meter.rate())
    for (const p of peers) {
      const window = p.window(m.chunkSize)
      while (p.inFlight < window && this.processing < MAX_PROCESSING) {
        const index = this.pick(p)
        if (index == null) break
        this.inFlight.add(index)
        p.inFlight++
        void this.fetchChunk(p, index, signal)
      }
    }
  }

  /** The rarest missing chunk this peer has (lowest index among equals), or undefined. */
  private pick (p: PeerState): number | undefined {
    const v = this.verified!
    const a = this.availability!
    let best: number | undefined
    let bestAvail = Infinity
    for (let i = 0; i < v.length; i++) {
      if (v.get(i) || this.inFlight.has(i) || !p.have.get(i) || !this.isWanted(i) || this.excluded.get(i)?.has(p.key) === true) continue
      if (a[i] < bestAvail) {
        best = i
        bestAvail = a[i]
        if (bestAvail <= 1) break
      }
    }
    return best
  }

  private async fetchChunk (p: PeerState, index: number, signal: AbortSignal): Promise<void> {
    const m = this.manifest!
    let arrived = false
    try {
      await this.components.downloadLimiter.take(locateChunk(m, index).length, { signal })
      p.session ??= new ChunkSession(this.components.dialer, p.id, this.cid, { maxInFlight: MAX_WINDOW })
      const data = await p.session.request(index, { signal })
      // The peer's window slot frees as soon as the bytes are here: the next request goes out
      // while this chunk is checked and written (MAX_PROCESSING bounds how many wait for that).
      arrived = true
      p.inFlight--
      this.processing++
      this.wake?.()
      if (!chunkMatches(m, index, data)) {
        this.onBadChunk(p, index)
        return
      }
      await this.partial!.write(index, data)
      this.dataDirty = true
      await this.recordVerified(index)
      this.makeServable()
      this.chunksFetched++
      p.received++
      p.meter.add(data.byteLength)
      this.meter.add(data.byteLength)
      this.components.onReceived(p.key, data.byteLength)
      // Progress: the engine throttles these to a few events a second per transfer.
      this.components.onChange(this)
    } catch (err) {
      if (signal.aborted) return
      if (err instanceof DiskFullError || (err as PeerShareError).code === 'write-failed') {
        this.abortWith(err as Error)
        return
      }
      logger('%s: chunk %d from %s failed: %s', this.root, index, p.key, (err as Error).message)
      this.dropPeer(p)
    } finally {
      this.inFlight.delete(index)
      if (arrived) this.processing--
      else p.inFlight--
      this.wake?.()
    }
  }

  private onBadChunk (p: PeerState, index: number): void {
    this.badChunks++
    p.bad++
    let ex = this.excluded.get(index)
    if (ex == null) this.excluded.set(index, ex = new Set())
    ex.add(p.key)
    const err = new ChunkIntegrityError(index, p.key)
    logger('%s: %s (%d from this peer)', this.root, err.message, p.bad)
    if (p.bad >= BAN_THRESHOLD) {
      p.banned = true
      this.banned.add(p.key)
      logger('%s: banned %s after %d bad chunks', this.root, p.key, p.bad)
      this.addAvailability(p.have, -1)
      p.session?.fail(err)
      this.components.onChange(this)
    }
  }

  /** Forgets a peer that failed (stalled, vanished); discovery may bring it back. */
  private dropPeer (p: PeerState): void {
    if (!this.peers.has(p.key) || p.banned) return
    this.peers.delete(p.key)
    this.addAvailability(p.have, -1)
    p.session?.fail(new Error('peer dropped'))
    this.components.onChange(this)
  }

  private async onFailure (err: unknown, signal: AbortSignal): Promise<void> {
    this.fatal = undefined
    if (signal.aborted && isAbort(signal.reason)) return // paused, cancelled or shutting down
    for (const p of this.peers.values()) p.session?.fail(new Error('transfer stopped'))
    this.peers.clear()
    this.availability?.fill(0)
    await this.flush().catch(() => {})
    await this.partial?.close()
    if (err instanceof DiskFullError) {
      // Keep everything verified; the person frees space and resumes.
      this.record.state = 'paused'
    } else {
      this.record.state = 'failed'
    }
    this.record.error = toErrorBody(err)
    logger.error('%s stopped: %s', this.root, this.record.error.message)
    await this.persist()
    this.components.onChange(this)
  }
}

async function sleep (ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return
  await new Promise<void>(resolve => {
    const t = setTimeout(done, ms)
    function done (): void { clearTimeout(t); signal.removeEventListener('abort', done); resolve() }
    signal.addEventListener('abort', done, { once: true })
  })
}
