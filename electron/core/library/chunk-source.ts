/**
 * What the protocol server reads chunks from: a finished share (files where
 * the user keeps them) or a download in progress (its partial files), and
 * the blocks of their manifests (listing pages, pieces of chunk hashes).
 * Every chunk is checked against the manifest as it is read, so a file that
 * changed on disk after sharing is noticed and its stale chunks are not served.
 */
import { createHash, timingSafeEqual, webcrypto } from 'node:crypto'
import { fstatSync } from 'node:fs'
import fs from 'node:fs/promises'
import { ShareStaleError } from '../errors.js'
import { ChunkHashes } from '../content/chunk-hashes.js'
import { locateChunk, type Manifest } from '../content/manifest.js'
import { FilePool } from '../util/file-pool.js'
import { FROM_STORE, type RootBlocks } from './block-store.js'
import type { Bitfield } from '../util/bitfield.js'
import type { Uint8ArrayList } from 'uint8arraylist'

/** A root this node can serve chunks of. */
export interface ChunkSource {
  readonly root: string
  readonly manifest: Manifest
  readonly manifestBytes: Uint8Array
  /** Whether chunk `index` is held and verified. */
  has(index: number): boolean
  /** The verified-chunk bitfield as sent to peers. */
  haveBytes(): Uint8Array
  /** Reads a chunk; throws ShareStaleError if it no longer matches the manifest. */
  read(index: number): Promise<Uint8Array>
  /** A block of the manifest (a listing page or a piece of chunk hashes) held for this root, by its SHA-256. */
  block?(digest: Uint8Array): Promise<Uint8Array | undefined>
  close(): Promise<void>
}

/** What a source may use besides its files. */
export interface SourceExtras {
  /** The engine's open files; default a pool of this source's own. */
  pool?: FilePool
  /** The root's blocks in the store (version 2); default none. */
  blocks?: Pick<RootBlocks, 'get'>
}

/** Chunk hashes that come from inline hashes and the store's pieces: what a source that holds the data needs. */
export function storedHashes (manifest: Manifest, blocks?: Pick<RootBlocks, 'get'>): ChunkHashes {
  return new ChunkHashes(manifest, {
    get: async digest => {
      const bytes = await blocks?.get(digest)
      if (bytes == null) throw new Error('a piece of chunk hashes is missing from the profile\'s store')
      return { bytes, from: FROM_STORE }
    }
  })
}

/** True when `data` (whole, or in the pieces it arrived in) hashes to `expected`. */
export function chunkMatches (expected: Uint8Array, data: Uint8Array | Uint8ArrayList): boolean {
  const hash = createHash('sha256')
  if (data instanceof Uint8Array) hash.update(data)
  else for (const part of data) hash.update(part)
  return timingSafeEqual(hash.digest(), expected)
}

/** Like chunkMatches, but the hash runs on the thread pool, off the event loop. */
export async function chunkMatchesOffThread (expected: Uint8Array, data: Uint8Array): Promise<boolean> {
  const actual = new Uint8Array(await webcrypto.subtle.digest('SHA-256', data))
  return timingSafeEqual(actual, expected)
}

let readersMade = 0

/**
 * Read handles of one source's files, from the engine's bounded pool: opened
 * on first use, closed when the pool needs room or the source closes.
 */
export class FileReaders {
  private readonly pool: FilePool
  private readonly owner = `readers-${++readersMade}`

  /** `pool` is the engine's; default a pool of this reader's own. */
  constructor (pool: FilePool = new FilePool()) {
    this.pool = pool
  }

  async read (absPath: string, offset: number, length: number): Promise<Uint8Array> {
    return await this.pool.use(this.owner, absPath, async () => await fs.open(absPath, 'r'), async fh => await readAt(fh, absPath, offset, length))
  }

  /**
   * Reads a range and the file's size and modification time through the same
   * handle. fstat of an open descriptor only reads the inode the kernel
   * already holds, so it is made right here rather than as one more trip
   * through the thread pool per chunk.
   */
  async readAndStat (absPath: string, offset: number, length: number): Promise<{ data: Uint8Array, size: number, mtimeMs: number }> {
    return await this.pool.use(this.owner, absPath, async () => await fs.open(absPath, 'r'), async fh => {
      const data = await readAt(fh, absPath, offset, length)
      const s = fstatSync(fh.fd)
      return { data, size: s.size, mtimeMs: s.mtimeMs }
    })
  }

  async close (): Promise<void> {
    await this.pool.closeOwner(this.owner)
  }
}

async function readAt (fh: fs.FileHandle, absPath: string, offset: number, length: number): Promise<Uint8Array> {
  const buf = Buffer.allocUnsafe(length)
  const { bytesRead } = await fh.read(buf, 0, length, offset)
  if (bytesRead !== length) throw new Error(`short read from ${absPath}`)
  return buf
}

export interface ShareFileRecord {
  readonly path: string
  readonly absPath: string
  readonly size: number
  readonly mtimeMs: number
}

/**
 * A complete share served from the user's own files. It serves nothing
 * while stale (a file changed: for good, until shared again) or missing (a
 * file is not on disk: until it is back, see Library.checkFiles).
 */
export class ShareSource implements ChunkSource {
  readonly root: string
  readonly manifest: Manifest
  readonly manifestBytes: Uint8Array
  private readonly files: ReadonlyMap<string, ShareFileRecord>
  private readonly readers: FileReaders
  private readonly hashes: ChunkHashes
  private readonly blocks?: Pick<RootBlocks, 'get'>
  private staleReason?: string
  private missingPaths?: readonly string[]
  /** Called once when the share is found stale. */
  onStale?: (reason: string) => void

  constructor (root: string, manifest: Manifest, manifestBytes: Uint8Array, files: readonly ShareFileRecord[], extras: SourceExtras = {}) {
    this.root = root
    this.manifest = manifest
    this.manifestBytes = manifestBytes
    this.files = new Map(files.map(f => [f.path, f]))
    this.readers = new FileReaders(extras.pool)
    this.blocks = extras.blocks
    this.hashes = storedHashes(manifest, extras.blocks)
  }

  async block (digest: Uint8Array): Promise<Uint8Array | undefined> {
    return await this.blocks?.get(digest)
  }

  get stale (): string | undefined {
    return this.staleReason
  }

  /** The files not on disk (the first few), or undefined when all are there. */
  get missing (): readonly string[] | undefined {
    return this.missingPaths
  }

  /** Whether it serves its chunks now: neither stale nor missing. */
  get servable (): boolean {
    return this.staleReason == null && this.missingPaths == null
  }

  /** Records which files are not on disk (undefined: all are); open files are let go while any is missing. */
  async setMissing (paths: readonly string[] | undefined): Promise<void> {
    this.missingPaths = paths == null || paths.length === 0 ? undefined : paths
    // A deleted file stays readable through a handle opened before: let go, so nothing is served from it.
    if (this.missingPaths != null) await this.readers.close()
  }

  has (index: number): boolean {
    return this.servable && index >= 0 && index < this.manifest.chunkCount
  }

  haveBytes (): Uint8Array {
    const n = this.manifest.chunkCount
    const bytes = new Uint8Array(Math.ceil(n / 8)).fill(this.servable ? 0xff : 0)
    if (n % 8 !== 0 && bytes.length > 0) bytes[bytes.length - 1] &= (0xff << (8 - (n % 8))) & 0xff
    return bytes
  }

  async read (index: number): Promise<Uint8Array> {
    const loc = locateChunk(this.manifest, index)
    const rec = this.files.get(loc.file.path)
    if (!this.servable || rec == null) throw new ShareStaleError(loc.file.path)
    let data: Uint8Array
    try {
      const st = await this.readers.readAndStat(rec.absPath, loc.offset, loc.length)
      data = st.data
      if (st.size !== rec.size || st.mtimeMs !== rec.mtimeMs) throw new Error('size or modification time changed')
    } catch (err) {
      this.markStale(`${rec.absPath}: ${(err as Error).message}`)
      throw new ShareStaleError(rec.absPath)
    }
    if (!await chunkMatchesOffThread(await this.hashes.of(index), data)) {
      this.markStale(`${rec.absPath}: chunk ${index} no longer matches`)
      throw new ShareStaleError(rec.absPath)
    }
    return data
  }

  /** The share no longer matches its files (found on read, or by a look at the files); it stays so until shared again. */
  markStale (reason: string): void {
    if (this.staleReason != null) return
    this.staleReason = reason
    this.onStale?.(reason)
  }

  async close (): Promise<void> {
    await this.readers.close()
  }
}

/** Chunks of a download in progress, read back from its partial files. */
export class PartialSource implements ChunkSource {
  readonly root: string
  readonly manifest: Manifest
  readonly manifestBytes: Uint8Array
  private readonly verified: Bitfield
  private readonly pathOf: (filePath: string) => string
  private readonly readers: FileReaders
  private readonly hashes: ChunkHashes
  private readonly blocks?: Pick<RootBlocks, 'get'>

  /** `hashes`: the download's own, which hold every piece a verified chunk needed. */
  constructor (root: string, hashes: ChunkHashes, manifestBytes: Uint8Array, verified: Bitfield, pathOf: (filePath: string) => string, extras: SourceExtras = {}) {
    this.readers = new FileReaders(extras.pool)
    this.blocks = extras.blocks
    this.root = root
    this.hashes = hashes
    this.manifest = hashes.manifest
    this.manifestBytes = manifestBytes
    this.verified = verified
    this.pathOf = pathOf
  }

  has (index: number): boolean {
    return this.verified.get(index)
  }

  haveBytes (): Uint8Array {
    return this.verified.toBytes()
  }

  async read (index: number): Promise<Uint8Array> {
    const loc = locateChunk(this.manifest, index)
    const data = await this.readers.read(this.pathOf(loc.file.path), loc.offset, loc.length)
    if (!await chunkMatchesOffThread(await this.hashes.of(index), data)) throw new ShareStaleError(loc.file.path)
    return data
  }

  async block (digest: Uint8Array): Promise<Uint8Array | undefined> {
    return await this.blocks?.get(digest)
  }

  async close (): Promise<void> {
    await this.readers.close()
  }
}
