/**
 * One download as the engine sees it: its state machine and persisted
 * record. A run finds peers (peer-intake.ts), takes the first valid manifest,
 * which creates the download (download.ts) that fetches, verifies and writes
 * the chunks, then moves the files under their real names. However a run
 * ends (done, paused, shut down, failed), it stops the same way, and a
 * failure leaves everything verified in place: a full disk or a store that
 * refuses a write pauses with the reason, anything else fails with it.
 * Asked for again (again()), a download takes new picks on board, and a
 * finished one whose files are gone, or that is wanted in another folder,
 * fetches what is missing there.
 */
import { CID } from 'multiformats/cid'
import { AbortedError, DiskFullError, PeerShareError, toErrorBody, isAbort } from '../errors.js'
import { ChunkHashes } from '../content/chunk-hashes.js'
import { digestAt } from '../content/paged-manifest.js'
import { BlockStore, FROM_STORE } from '../library/block-store.js'
import { storeKeys } from '../library/store-keys.js'
import type { Manifest } from '../content/manifest.js'
import { log } from '../logger.js'
import { extend, fetchAgain, type AgainRequest, type AgainTarget } from './again.js'
import { Download, type DownloadComponents } from './download.js'
import { PartialFiles, type PartialFilesInit } from './partial-files.js'
import { PeerIntake, type PeerIntakeComponents } from './peer-intake.js'
import { ProgressLog, ProgressSaveError, saving } from './progress-log.js'
import { missingAfterDone } from './stored-view.js'
import { newRecord, type TransferInit, type TransferRecord } from './transfer-record.js'
import { transferView } from './transfer-view.js'
import { Wanted } from './wanted.js'
import type { TransferState, TransferView } from '../../../shared/index.js'
import type { ShareKeys } from '../access/share-keys.js'
import type { ProviderFinder } from '../discovery/provider-finder.js'
import type { PartialSource } from '../library/chunk-source.js'
import type { Store } from '../library/store.js'
import type { Dialer } from '../protocol/client.js'
import type { FilePool } from '../util/file-pool.js'
import type { RateLimiter } from '../util/rate-limiter.js'

export type { TransferInit, TransferRecord } from './transfer-record.js'
export type { AgainRequest } from './again.js'

const logger = log('transfer')

/** What a transfer needs from the engine. */
export interface TransferComponents {
  dialer: Dialer
  finder: ProviderFinder
  /** How a peer is connected now, for the per-peer rows; and why one cannot be reached, in words. Default: neither is known. */
  paths?: Pick<DownloadComponents, 'pathOf'> & Pick<PeerIntakeComponents, 'explain'>
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
  /** Tells this profile's partial data from another profile's in the same download folder; default none. */
  partialOwner?: string
  /** The engine's open files; default a pool per download. */
  filePool?: FilePool
  /** Manifest blocks in the store; default on `store`. */
  blocks?: BlockStore
  /** Whether this instance shares `root` (its blocks stay when the download is cancelled). Default: no. */
  isShared?(root: string): boolean
  /** Which roots are private and the proofs to show for them; default: every root is public. */
  access?: Pick<ShareKeys, 'proverFor' | 'dhtKeyOf'>
  /** Opens the files a download writes into. Default: PartialFiles on the download folder. */
  openPartial?(init: PartialFilesInit): PartialFiles
  /** Whether this node is connected to nobody and expects nobody soon (a bare root then fails at once). Default: never. */
  isolated?(): boolean
}

export class Transfer {
  readonly root: string
  private readonly cid: CID
  private readonly components: TransferComponents
  private readonly record: TransferRecord
  /** Exists once the manifest is known. */
  private download?: Download
  private run?: { controller: AbortController, done: Promise<void> }
  private readonly blocks: BlockStore
  /** When the current run began, until its time is added to the record's activeMs. */
  private runSince?: number
  /** Once done: downloaded files no longer in place (see checkFiles). */
  private missing?: readonly string[]
  /** again() calls, one at a time. */
  private changing: Promise<unknown> = Promise.resolve()

  constructor (components: TransferComponents, init: TransferInit, record?: TransferRecord) {
    this.components = components
    this.root = init.root
    this.cid = CID.parse(init.root)
    this.record = record ?? newRecord(init)
    this.blocks = components.blocks ?? new BlockStore({ store: components.store })
  }

  /** The manifest, once fetched. */
  knownManifest (): Manifest | undefined {
    return this.download?.manifest
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
    return (this.download?.progress.verified.count() ?? 0) > 0
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
    this.runSince = Date.now()
    const done = this.execute(controller)
    this.run = { controller, done }
    void done.finally(() => { if (this.run?.controller === controller) this.run = undefined })
  }

  /** Stops work and keeps progress; state becomes 'paused'. */
  async pause (reason?: PeerShareError): Promise<void> {
    if (this.record.state === 'done') return
    await this.halt()
    this.record.state = 'paused'
    this.record.error = reason == null ? undefined : toErrorBody(reason)
    await this.save().catch(err => {
      // Paused all the same; the view says that the store refused, so a restart may resume it.
      logger.error('%s: %s', this.root, (err as Error).message)
      this.record.error = toErrorBody(err)
    })
    this.components.onChange(this)
  }

  /** Stops work and deletes the partial data and the record. */
  async cancel (): Promise<void> {
    await this.halt()
    this.components.onUnservable(this.root)
    if (this.record.state !== 'done') await this.download?.partial.remove()
    await this.components.store.del(storeKeys.transfer(this.root), storeKeys.bits(this.root), storeKeys.manifest(this.root))
    if (this.components.isShared?.(this.root) !== true) await this.blocks.removeRoot(this.root)
  }

  /** Stops work (engine shutdown) without changing the persisted state. */
  async halt (): Promise<void> {
    const run = this.run
    if (run == null) return
    run.controller.abort(new AbortedError())
    await run.done
    this.run = undefined
  }

  /** Loads persisted manifest and progress (after a restart). */
  async load (): Promise<void> {
    const bytes = await this.components.store.getBytes(storeKeys.manifest(this.root))
    if (bytes == null) return
    const manifest = await this.blocks.readManifest(this.root, bytes)
    this.download = this.openDownload(manifest, bytes, await ProgressLog.stored(this.components.store, this.root))
  }

  view (): TransferView {
    return transferView(this.record, this.download?.snapshot(), this.runSince == null ? 0 : Date.now() - this.runSince, this.missing)
  }

  /** Adds the current run's time to the record (saved with it next); once per run. */
  private clockOut (): void {
    if (this.runSince == null) return
    this.record.activeMs = (this.record.activeMs ?? 0) + Date.now() - this.runSince
    this.runSince = undefined
  }

  /**
   * Once done: looks whether the downloaded files are still where the
   * download put them. Returns whether what the view says changed.
   */
  async checkFiles (): Promise<boolean> {
    const before = this.missing
    const missing = await missingAfterDone(this.record, this.download?.manifest)
    this.missing = missing.length === 0 ? undefined : missing
    return (before ?? []).join('\n') !== missing.join('\n')
  }

  /**
   * The share is asked for again, maybe with other picks or another folder.
   * Unfinished: new picks join the ones it fetches (another folder is
   * refused: its data is in the first one), and it runs again if it had
   * stopped. Finished: the files picked now and before that are not in the
   * folder asked for are fetched into it, beside those that are; with
   * nothing missing there, nothing happens. Picks the share does not list
   * are refused and change nothing.
   */
  async again (req: AgainRequest): Promise<void> {
    const change = this.changing.then(async () => {
      if (this.record.state === 'done') await fetchAgain(this.againTarget(), req)
      else await extend(this.againTarget(), req)
    })
    this.changing = change.catch(() => {})
    await change
  }

  /** What again() works on (again.ts): the record, the download, the run. */
  private againTarget (): AgainTarget {
    return {
      root: this.root,
      record: this.record,
      known: () => this.download,
      reopen: (manifest, manifestBytes, stored, recheck) => { this.download = this.openDownload(manifest, manifestBytes, stored, recheck) },
      forgetMissing: () => { this.missing = undefined },
      start: () => { this.start() },
      halt: async () => { await this.halt() },
      save: async () => { await this.save() }
    }
  }

  /**
   * Builds the download for a manifest; throws BadRequestError when a picked
   * path is not in it. `stored`: verified bits kept from before, re-checked
   * unless `recheck` is false (bits this process verified itself).
   */
  private openDownload (manifest: Manifest, manifestBytes: Uint8Array, stored?: Uint8Array, recheck = true): Download {
    const { components, root, record } = this
    const wanted = new Wanted(manifest, record.files, record.kept)
    const init = { outDir: record.outDir, root, manifest, files: wanted.fetchFiles, into: record.into, owner: components.partialOwner, pool: components.filePool }
    const partial = components.openPartial?.(init) ?? new PartialFiles(init)
    const blocks = this.blocks.forRoot(root)
    // Pieces of chunk hashes: from the store when an earlier run kept them, else from the peer about to send the chunk.
    const hashes = new ChunkHashes(manifest, {
      get: async (digest, options) => {
        const bytes = await blocks.get(digest)
        return bytes != null ? { bytes, from: FROM_STORE } : await download.fetchPiece(digest, options)
      },
      keep: async (digest, bytes) => { await saving(async () => { await blocks.put(digest, bytes) }) }
    })
    const progress = new ProgressLog({ store: components.store, partial }, { root, manifest, stored, recheck, hashes })
    record.name = manifest.name
    record.size = manifest.size
    const download: Download = new Download({
      dialer: components.dialer,
      downloadLimiter: components.downloadLimiter,
      onChange: () => { components.onChange(this) },
      onReceived: (peer, bytes) => { components.onReceived(peer, bytes) },
      onServable: source => { components.onServable(source) },
      onFatal: err => { this.run?.controller.abort(err) },
      pathOf: components.paths?.pathOf,
      blocks
    }, { root, cid: this.cid, manifest, manifestBytes, hashes, wanted, partial, progress, prove: components.access?.proverFor(root) })
    return download
  }

  /** The first valid manifest: the download starts, and the manifest is saved meanwhile. */
  private adopt (manifest: Manifest, bytes: Uint8Array, pages: readonly Uint8Array[], controller: AbortController): { download: Download, saved: Promise<void> } {
    const download = this.openDownload(manifest, bytes)
    this.download = download
    const saved = (async () => {
      // The listing's pages first: a stored root always finds its pages.
      const blocks = this.blocks.forRoot(this.root)
      const digests = manifest.pages ?? new Uint8Array()
      await saving(async () => { for (const [i, page] of pages.entries()) await blocks.put(digestAt(digests, i), page) })
      await saving(async () => { await this.components.store.putBytes(storeKeys.manifest(this.root), bytes) })
      await this.save()
    })().catch(err => { controller.abort(err) })
    return { download, saved }
  }

  /** Writes the record; throws ProgressSaveError when the store refuses. */
  private async save (): Promise<void> {
    await saving(async () => { await this.components.store.putJson(storeKeys.transfer(this.root), this.record) })
  }

  /** Moves to a state and saves it; a refused save throws, which stops the run. */
  private async setState (state: TransferState): Promise<void> {
    if (this.record.state === state) return
    this.record.state = state
    this.components.onChange(this)
    await this.save()
  }

  /** One run, from finding peers to the file under its name; never rejects. */
  private async execute (controller: AbortController): Promise<void> {
    const { signal } = controller
    const intake = new PeerIntake({ dialer: this.components.dialer, finder: this.components.finder, explain: this.components.paths?.explain, isolated: this.components.isolated }, {
      root: this.root,
      cid: this.cid,
      name: this.record.name,
      dhtKey: this.components.access?.dhtKeyOf(this.root),
      prove: this.components.access?.proverFor(this.root),
      linkPeers: () => this.record.linkPeers,
      download: this.download,
      adopt: (manifest, bytes, pages) => this.adopt(manifest, bytes, pages, controller),
      onFatal: err => { controller.abort(err) }
    })
    let failure: unknown
    let halted = false
    try {
      await this.work(signal, intake)
    } catch (err) {
      // A stopped run throws whatever its last step saw; the reason it was stopped is what counts.
      failure = signal.aborted ? signal.reason : err
      halted = signal.aborted && isAbort(signal.reason)
    }
    try {
      this.clockOut()
      // Paused or shut down: the time this run worked is kept (a pause saves again after this).
      if (halted) await this.save().catch(err => { logger.error('%s: %s', this.root, (err as Error).message) })
      // The one way work stops, however the run ended; a finished download keeps its peers on view.
      const reason = failure instanceof Error ? failure : new AbortedError()
      controller.abort(reason)
      await intake.stop()
      if (failure == null) return
      await this.download?.stop(reason)
      // Paused, cancelled or shut down: the caller sets the state it wants.
      if (!halted) await this.fail(failure)
    } catch (err) {
      logger.error('%s: stopping failed: %s', this.root, (err as Error).message)
    }
  }

  private async work (signal: AbortSignal, intake: PeerIntake): Promise<void> {
    const first = this.download == null ? 'finding-peers' : 'downloading'
    if (this.record.state !== first) await this.setState(first)
    else await this.save()
    intake.start(signal)
    const download = await intake.download(signal)
    await download.prepare(signal)
    await this.setState('downloading')
    await download.run(signal)
    await this.setState('verifying')
    await intake.stop()
    const finalPath = await download.finish()
    this.components.onUnservable(this.root)
    this.record.path = finalPath
    this.record.finishedAt = Date.now()
    this.clockOut()
    this.record.state = 'done'
    // The files are all in place now: nothing is kept aside or joined any more.
    this.record.kept = undefined
    this.record.into = undefined
    // The files are in place whatever the store says now; a restart that finds the older state looks again.
    await this.save().catch(err => { logger.error('%s: %s', this.root, (err as Error).message) })
    await download.progress.clear().catch(err => { logger.error('%s: %s', this.root, (err as Error).message) })
    await this.components.onDone(this, download.manifest, download.manifestBytes, finalPath)
    const { chunksFetched, chunksResumed, badChunks } = download.snapshot()
    logger('%s done: %d chunks fetched, %d resumed, %d bad', this.root, chunksFetched, chunksResumed, badChunks)
    this.components.onChange(this)
  }

  /** A run failed: everything verified is kept; a full disk or a refused save pauses (fix it, resume), anything else fails. */
  private async fail (err: unknown): Promise<void> {
    this.record.state = err instanceof DiskFullError || err instanceof ProgressSaveError ? 'paused' : 'failed'
    this.record.error = toErrorBody(err)
    logger.error('%s stopped: %s', this.root, this.record.error.message)
    await this.save().catch(e => { logger.error('%s: %s', this.root, (e as Error).message) })
    this.components.onChange(this)
  }
}
