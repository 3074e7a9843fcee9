/**
 * What the protocol server reads chunks from: a finished share (files where
 * the user keeps them) or a download in progress (its partial files). Every
 * chunk is checked against the manifest as it is read, so a file that
 * changed on disk after sharing is noticed and its stale chunks are not served.
 */
import { createHash, timingSafeEqual, webcrypto } from 'node:crypto'
import { fstatSync } from 'node:fs'
import fs from 'node:fs/promises'
import { ShareStaleError } from '../errors.js'
import { chunkHash, locateChunk, type Manifest } from '../content/manifest.js'
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
  close(): Promise<void>
}

/** True when `data` (whole, or in the pieces it arrived in) hashes to the manifest's digest for `index`. */
export function chunkMatches (manifest: Manifest, index: number, data: Uint8Array | Uint8ArrayList): boolean {
  const expected = chunkHash(manifest, index)
  const hash = createHash('sha256')
  if (data instanceof Uint8Array) hash.update(data)
  else for (const part of data) hash.update(part)
  return timingSafeEqual(hash.digest(), expected)
}

/** Like chunkMatches, but the hash runs on the thread pool, off the event loop. */
export async function chunkMatchesOffThread (manifest: Manifest, index: number, data: Uint8Array): Promise<boolean> {
  const actual = new Uint8Array(await webcrypto.subtle.digest('SHA-256', data))
  return timingSafeEqual(actual, chunkHash(manifest, index))
}

/** Open read handles per file, opened on first use. */
export class FileReaders {
  private readonly handles = new Map<string, Promise<fs.FileHandle>>()

  async read (absPath: string, offset: number, length: number): Promise<Uint8Array> {
    let h = this.handles.get(absPath)
    if (h == null) {
      h = fs.open(absPath, 'r')
      this.handles.set(absPath, h)
      h.catch(() => this.handles.delete(absPath))
    }
    const fh = await h
    const buf = Buffer.allocUnsafe(length)
    const { bytesRead } = await fh.read(buf, 0, length, offset)
    if (bytesRead !== length) throw new Error(`short read from ${absPath}`)
    return buf
  }

  /**
   * Size and modification time through the open handle. fstat of an open
   * descriptor only reads the inode the kernel already holds, so it is made
   * right here rather than as one more trip through the thread pool per chunk.
   */
  async stat (absPath: string): Promise<{ size: number, mtimeMs: number } | undefined> {
    const h = this.handles.get(absPath)
    if (h == null) return undefined
    const s = fstatSync((await h).fd)
    return { size: s.size, mtimeMs: s.mtimeMs }
  }

  async close (): Promise<void> {
    const all = [...this.handles.values()]
    this.handles.clear()
    await Promise.all(all.map(async h => (await h.catch(() => undefined))?.close()))
  }
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
  private readonly readers = new FileReaders()
  private staleReason?: string
  private missingPaths?: readonly string[]
  /** Called once when the share is found stale. */
  onStale?: (reason: string) => void

  constructor (root: string, manifest: Manifest, manifestBytes: Uint8Array, files: readonly ShareFileRecord[]) {
    this.root = root
    this.manifest = manifest
    this.manifestBytes = manifestBytes
    this.files = new Map(files.map(f => [f.path, f]))
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
      data = await this.readers.read(rec.absPath, loc.offset, loc.length)
      const st = await this.readers.stat(rec.absPath)
      if (st != null && (st.size !== rec.size || st.mtimeMs !== rec.mtimeMs)) throw new Error('size or modification time changed')
    } catch (err) {
      this.markStale(`${rec.absPath}: ${(err as Error).message}`)
      throw new ShareStaleError(rec.absPath)
    }
    if (!await chunkMatchesOffThread(this.manifest, index, data)) {
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
  private readonly readers = new FileReaders()

  constructor (root: string, manifest: Manifest, manifestBytes: Uint8Array, verified: Bitfield, pathOf: (filePath: string) => string) {
    this.root = root
    this.manifest = manifest
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
    if (!await chunkMatchesOffThread(this.manifest, index, data)) throw new ShareStaleError(loc.file.path)
    return data
  }

  async close (): Promise<void> {
    await this.readers.close()
  }
}
