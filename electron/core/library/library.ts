/**
 * What this instance shares: share records persisted in the store, a
 * serving source per root (complete shares and downloads in progress), and
 * per-share upload counters for the UI. A share whose files are not on disk
 * (deleted, moved away) is missing: not served until they are back.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { NotFoundError } from '../errors.js'
import { chunkPath, listShare, type ChunkOptions, type ListedShare, type SourceFile } from '../content/chunker.js'
import { FileHashes, digestAt } from '../content/paged-manifest.js'
import { HASH_LENGTH, type Manifest, type ManifestFile } from '../content/manifest.js'
import { log } from '../logger.js'
import { BlockStore } from './block-store.js'
import { ShareSource, type ChunkSource, type ShareFileRecord } from './chunk-source.js'
import { finalPathOf, presenceOf } from './file-presence.js'
import { storeKeys as keys, storePrefixes } from './store-keys.js'
import type { Store } from './store.js'
import type { FilePool } from '../util/file-pool.js'
import type { ShareKeys } from '../access/share-keys.js'
import type { ShareView } from '../../../shared/index.js'

const logger = log('library')

/** What is persisted per share. */
export interface ShareRecord {
  root: string
  name: string
  /** The shared file or folder on this machine. */
  path: string
  files: ShareFileRecord[]
  addedAt: number
}

interface Served { bytes: number, chunks: number, peers: Set<string> }

/** Missing files a share's view lists at most. */
export const MISSING_FILES_LISTED = 10

export interface LibraryComponents {
  store: Store
  /** Which roots are private; default: all public. */
  access?: Pick<ShareKeys, 'isPrivate'>
  /** The engine's open files; default a pool per share. */
  filePool?: FilePool
  /** Manifest blocks in the store; default on `store`. */
  blocks?: BlockStore
}

/** How a share is made: what `chunkPath` reports to, and the job its blocks wait under. */
export interface ShareOptions extends Omit<ChunkOptions, 'reuse'> {
  /** Names the blocks written while hashing; default a fresh id. */
  job?: string
  /**
   * Runs once the root is known and before anything is served under it (a
   * private share's key is set there, so it is never served as public, not
   * even for a moment).
   */
  beforeServe?(root: string): Promise<void>
}

export interface LibraryInit {
  /** Chunk size for new shares, bytes. */
  chunkSize: number
}

export class Library {
  private readonly store: Store
  private readonly filePool?: FilePool
  private readonly blocks: BlockStore
  private readonly access?: Pick<ShareKeys, 'isPrivate'>
  private readonly chunkSize: number
  private readonly shares = new Map<string, { record: ShareRecord, source: ShareSource }>()
  private readonly partials = new Map<string, ChunkSource>()
  private readonly served = new Map<string, Served>()
  /** Told when a share's state changes (stale, missing, back). */
  onChange?: (root: string) => void

  constructor (components: LibraryComponents, init: LibraryInit) {
    this.store = components.store
    this.filePool = components.filePool
    this.blocks = components.blocks ?? new BlockStore({ store: components.store })
    this.access = components.access
    this.chunkSize = init.chunkSize
  }

  /** Reads every share record from the store. */
  async load (): Promise<void> {
    // Blocks of shares that were being hashed when the last process stopped belong to nothing.
    await this.blocks.discardAllStaging()
    for (const record of await this.store.listJson<ShareRecord>(storePrefixes.share)) {
      const bytes = await this.store.getBytes(keys.shareManifest(record.root))
      if (bytes == null) continue
      try {
        this.register(record, await this.blocks.readManifest(record.root, bytes), bytes)
      } catch (err) {
        logger.error('share %s cannot be read back and is left out: %s', record.root, (err as Error).message)
      }
    }
    // Files may have gone while PeerShare was not running: a missing share is not served or announced from the start.
    await this.checkFiles()
    logger('loaded %d shares', this.shares.size)
  }

  /**
   * Looks whether every share's files are still where they were: a share
   * with a file gone is missing (not served) until the file is back as it
   * was; one whose file has another size or time than when shared is stale.
   * Returns the roots whose state changed; `onChange` hears of each.
   */
  async checkFiles (): Promise<string[]> {
    const changed: string[] = []
    for (const [root, entry] of [...this.shares]) {
      const missing: string[] = []
      let altered: string | undefined
      for (const f of entry.record.files) {
        const presence = await presenceOf(f.absPath, f).catch(err => {
          // Cannot tell (permissions, I/O): leave the share as it is; reading it will say more.
          logger('cannot look at %s: %s', f.absPath, (err as Error).message)
          return 'present' as const
        })
        if (presence === 'missing') missing.push(f.absPath)
        else if (presence === 'changed') altered ??= f.absPath
        if (missing.length >= MISSING_FILES_LISTED) break
      }
      // Unshared or shared again meanwhile: that entry is no longer this one's business.
      if (this.shares.get(root) !== entry) continue
      const { source } = entry
      const before = stateOf(source)
      await source.setMissing(missing)
      if (missing.length === 0 && altered != null) source.markStale(`${altered}: size or modification time changed`)
      if (stateOf(source) !== before) {
        logger('share %s is now %s', root, stateOf(source))
        changed.push(root)
      }
    }
    for (const root of changed) this.onChange?.(root)
    return changed
  }

  /** Lists a file or folder for sharing and refuses at once what no downloader would take. */
  async list (target: string): Promise<ListedShare> {
    return await listShare(path.resolve(target), this.chunkSize)
  }

  /**
   * Chunks, hashes and registers a file or folder; sharing the same content
   * again returns the existing share. A file an earlier share of the same
   * path holds with the same size and modification time is not hashed
   * again. Stopped through `options.signal`, it leaves nothing behind.
   */
  async share (target: string, options: ShareOptions = {}): Promise<ShareRecord> {
    const abs = path.resolve(target)
    const job = options.job ?? randomUUID()
    const staging = this.blocks.staging(job)
    const sink = async (digest: Uint8Array, bytes: Uint8Array): Promise<void> => { await staging.put(digest, bytes) }
    let chunked
    try {
      chunked = await chunkPath(abs, this.chunkSize, { ...options, sink, reuse: this.reuser(abs, sink) })
      options.signal?.throwIfAborted()
      await options.beforeServe?.(chunked.root.toString())
      await this.blocks.commit(job, chunked.root.toString())
    } catch (err) {
      await this.blocks.discard(job).catch(e => { logger.error('dropping the blocks of a stopped share: %s', (e as Error).message) })
      throw err
    }
    const root = chunked.root.toString()
    const record: ShareRecord = {
      root,
      name: chunked.manifest.name,
      path: abs,
      files: chunked.files.map(f => ({ path: f.path, absPath: f.absPath, size: f.size, mtimeMs: f.mtimeMs })),
      addedAt: this.shares.get(root)?.record.addedAt ?? Date.now()
    }
    await this.save(record, chunked.manifest, chunked.manifestBytes)
    return record
  }

  /** Registers a finished download, now at `finalPath`, as a share. */
  async addDownloaded (manifest: Manifest, manifestBytes: Uint8Array, root: string, finalPath: string): Promise<ShareRecord> {
    const files: ShareFileRecord[] = []
    for (const f of manifest.files) {
      const abs = finalPathOf(manifest, finalPath, f.path)
      const st = await fs.stat(abs)
      files.push({ path: f.path, absPath: abs, size: st.size, mtimeMs: st.mtimeMs })
    }
    const record: ShareRecord = { root, name: manifest.name, path: finalPath, files, addedAt: Date.now() }
    await this.save(record, manifest, manifestBytes)
    return record
  }

  private async save (record: ShareRecord, manifest: Manifest, manifestBytes: Uint8Array): Promise<void> {
    await this.store.putBytes(keys.shareManifest(record.root), manifestBytes)
    await this.store.putJson(keys.share(record.root), record)
    const old = this.shares.get(record.root)
    this.register(record, manifest, manifestBytes)
    await old?.source.close()
  }

  /**
   * The hashes of files an earlier share of `abs` holds unchanged (same size
   * and modification time), with their pieces copied to the new share's
   * blocks; undefined for a file that changed or was not shared before.
   */
  private reuser (abs: string, sink: (digest: Uint8Array, bytes: Uint8Array) => Promise<void>): (file: SourceFile) => Promise<{ hashes: Uint8Array, pieces?: Uint8Array } | undefined> {
    const earlier = [...this.shares.values()].find(e => e.record.path === abs && e.source.stale == null && e.source.manifest.chunkSize === this.chunkSize)
    if (earlier == null) return async () => undefined
    const records = new Map(earlier.record.files.map(f => [f.path, f]))
    const listed = new Map<string, ManifestFile>(earlier.source.manifest.files.map(f => [f.path, f]))
    const blocks = this.blocks.forRoot(earlier.record.root)
    return async file => {
      const rec = records.get(file.path)
      const old = listed.get(file.path)
      if (rec == null || old == null || rec.size !== file.size || rec.mtimeMs !== file.mtimeMs) return undefined
      if (old.pieces != null && old.pieces.byteLength > 0) {
        for (let p = 0; p < old.pieces.byteLength / HASH_LENGTH; p++) {
          const digest = digestAt(old.pieces, p)
          const bytes = await blocks.get(digest)
          if (bytes == null) return undefined
          await sink(digest, bytes)
        }
        return { hashes: old.hashes, pieces: old.pieces }
      }
      // Inline hashes (a small file, or a version-1 share): cut into pieces as a new share would.
      const hashes = new FileHashes(old.chunkCount, sink)
      for (let k = 0; k < old.chunkCount; k++) await hashes.push(digestAt(old.hashes, k))
      return await hashes.finish()
    }
  }

  private register (record: ShareRecord, manifest: Manifest, manifestBytes: Uint8Array): void {
    const source = new ShareSource(record.root, manifest, manifestBytes, record.files, { pool: this.filePool, blocks: this.blocks.forRoot(record.root) })
    source.onStale = reason => {
      logger('share %s is stale: %s', record.root, reason)
      this.onChange?.(record.root)
    }
    this.shares.set(record.root, { record, source })
  }

  async unshare (root: string): Promise<void> {
    const entry = this.shares.get(root)
    if (entry == null) throw new NotFoundError(`This instance does not share ${root}.`)
    this.shares.delete(root)
    await entry.source.close()
    await this.store.del(keys.share(root), keys.shareManifest(root))
    // A download of the same root in progress still serves them.
    if (!this.partials.has(root)) await this.blocks.removeRoot(root)
  }

  has (root: string): boolean {
    return this.shares.has(root)
  }

  /** A share's state (seeding, stale, missing), or undefined when it is not shared. */
  state (root: string): ShareView['state'] | undefined {
    const share = this.shares.get(root)
    return share == null ? undefined : stateOf(share.source)
  }

  /**
   * Whether this node offers `root` to the network (and so announces it): a
   * share whose files are there (a stale one too, until it is unshared), or a
   * download in progress.
   */
  offers (root: string): boolean {
    const share = this.shares.get(root)
    return (share != null && share.source.missing == null) || this.partials.has(root)
  }

  /** The manifest of a share or of a download in progress. */
  manifestOf (root: string): Manifest | undefined {
    return this.shares.get(root)?.source.manifest ?? this.partials.get(root)?.manifest
  }

  roots (): string[] {
    return [...this.shares.keys()]
  }

  /** What to serve for a root: a complete share first, else a download in progress. */
  get (root: string): ChunkSource | undefined {
    const share = this.shares.get(root)
    if (share != null && share.source.servable) return share.source
    return this.partials.get(root)
  }

  setPartial (source: ChunkSource): void {
    this.partials.set(source.root, source)
  }

  removePartial (root: string): void {
    const p = this.partials.get(root)
    this.partials.delete(root)
    void p?.close()
  }

  /** Counts a served chunk. */
  countServed (root: string, peer: string, bytes: number): void {
    let s = this.served.get(root)
    if (s == null) this.served.set(root, s = { bytes: 0, chunks: 0, peers: new Set() })
    s.bytes += bytes
    s.chunks++
    s.peers.add(peer)
  }

  /** Views of all shares, newest first; `linkFor` builds the link for a share. */
  views (linkFor: (root: string, name: string, size: number) => string): ShareView[] {
    return [...this.shares.values()].map(e => this.viewOf(e.record, e.source, linkFor)).sort((a, b) => b.addedAt - a.addedAt)
  }

  view (root: string, linkFor: (root: string, name: string, size: number) => string): ShareView {
    const e = this.shares.get(root)
    if (e == null) throw new NotFoundError(`This instance does not share ${root}.`)
    return this.viewOf(e.record, e.source, linkFor)
  }

  private viewOf (record: ShareRecord, source: ShareSource, linkFor: (root: string, name: string, size: number) => string): ShareView {
    const m = source.manifest
    const s = this.served.get(record.root)
    return {
      root: record.root,
      name: record.name,
      size: m.size,
      chunkSize: m.chunkSize,
      chunkCount: m.chunkCount,
      fileCount: m.files.length,
      path: record.path,
      link: linkFor(record.root, record.name, m.size),
      private: this.access?.isPrivate(record.root) ?? false,
      addedAt: record.addedAt,
      state: stateOf(source),
      staleReason: source.stale,
      missingFiles: source.missing,
      peersServed: s?.peers.size ?? 0,
      bytesServed: s?.bytes ?? 0,
      chunksServed: s?.chunks ?? 0
    }
  }

  async close (): Promise<void> {
    await Promise.all([...this.shares.values()].map(async e => e.source.close()))
    await Promise.all([...this.partials.values()].map(async p => p.close()))
    this.partials.clear()
  }
}

/** A share's state as its view shows it: missing files first (the thing to fix), then stale. */
function stateOf (source: ShareSource): ShareView['state'] {
  return source.missing != null ? 'missing' : source.stale != null ? 'stale' : 'seeding'
}
