/**
 * Cuts files into fixed-size chunks and hashes each with SHA-256, streaming
 * from disk through two reused buffers (one being read while the other is
 * hashed), so memory stays flat whatever the file size.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { PathNotFoundError } from '../errors.js'
import { HASH_LENGTH, MAX_FILES, checkShareTotals, chunksFor, rootOf, type ListedFile, type Manifest } from './manifest.js'
import { FileHashes, buildPagedManifest, type BlockSink } from './paged-manifest.js'
import { checkSharePath } from './safe-path.js'
import { ManifestTooLargeError } from '../errors.js'
import { limitMessages } from '../../../shared/limits.js'
import type { AbortOptions } from '@libp2p/interface'
import type { CID } from 'multiformats/cid'

/** A file found on disk for sharing. */
export interface SourceFile {
  /** Path inside the share, '/'-separated, starting with the share name. */
  readonly path: string
  readonly absPath: string
  readonly size: number
  readonly mtimeMs: number
}

/** The result of chunking a file or folder. */
export interface ChunkedShare {
  readonly manifest: Manifest
  /** The root block's bytes (the root is their CID). */
  readonly manifestBytes: Uint8Array
  readonly root: CID
  readonly files: readonly SourceFile[]
}

/** Lists the regular files of a file or folder, sorted, symlinks and special files skipped. */
export async function collectFiles (target: string): Promise<SourceFile[]> {
  const abs = path.resolve(target)
  const st = await fs.stat(abs).catch(() => null)
  if (st == null) throw new PathNotFoundError(abs)
  const name = path.basename(abs)
  if (st.isFile()) return [{ path: name, absPath: abs, size: st.size, mtimeMs: st.mtimeMs }]
  if (!st.isDirectory()) throw new PathNotFoundError(abs)

  const out: SourceFile[] = []
  const walk = async (dir: string, rel: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true })
    for (const e of entries) if (e.isDirectory()) await walk(path.join(dir, e.name), `${rel}/${e.name}`)
    // A folder's files are looked at a few at a time: each stat is a trip to the file system's threads.
    const files = entries.filter(e => e.isFile())
    for (let i = 0; i < files.length; i += 32) {
      await Promise.all(files.slice(i, i + 32).map(async e => {
        const childAbs = path.join(dir, e.name)
        const s = await fs.stat(childAbs)
        out.push({ path: `${rel}/${e.name}`, absPath: childAbs, size: s.size, mtimeMs: s.mtimeMs })
      }))
      // Refused at once, in the words a downloader would use: nobody could download it.
      if (out.length > MAX_FILES) throw new ManifestTooLargeError(limitMessages.files())
    }
  }
  await walk(abs, name)
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  if (out.length === 0) throw new PathNotFoundError(`${abs} (an empty folder)`)
  return out
}

/**
 * Zero-filled chunks (a disk image's free space, a sparse file's holes) are
 * common in large files; their digest depends only on their length, so it is
 * computed once per length and a zero chunk is only compared, not hashed.
 */
const zeroDigests = new Map<number, Uint8Array>()
let zeros = new Uint8Array(0)

/** The chunk's digest without hashing it when it is all zeros. */
function digestOf (chunk: Uint8Array): Uint8Array {
  if (zeros.byteLength < chunk.byteLength) zeros = new Uint8Array(chunk.byteLength)
  if (chunk.byteLength > 0 && chunk[0] === 0 && Buffer.compare(chunk, zeros.subarray(0, chunk.byteLength)) === 0) {
    let digest = zeroDigests.get(chunk.byteLength)
    if (digest != null) return digest
    digest = createHash('sha256').update(chunk).digest()
    // Full chunks share one length; a few others (files' last chunks) are kept too, not every one.
    if (zeroDigests.size < 64) zeroDigests.set(chunk.byteLength, digest)
    return digest
  }
  return createHash('sha256').update(chunk).digest()
}

/** SHA-256 of every chunk of one file, handed to `onDigest` in order; memory holds two chunks' worth of buffer. */
export async function hashFile (absPath: string, size: number, chunkSize: number, onDigest: (digest: Uint8Array) => Promise<void>, options: HashOptions = {}): Promise<void> {
  const count = chunksFor(size, chunkSize)
  if (count === 0) return
  const fh = await fs.open(absPath, 'r')
  try {
    // A small file needs small buffers: a folder of many small files must not allocate two chunks' worth for each.
    const bufferSize = Math.min(chunkSize, size)
    const buffers = count === 1 ? [Buffer.allocUnsafe(bufferSize)] : [Buffer.allocUnsafe(bufferSize), Buffer.allocUnsafe(bufferSize)]
    const readChunk = async (i: number): Promise<number> => {
      const len = Math.min(chunkSize, size - i * chunkSize)
      const { bytesRead } = await fh.read(buffers[i % buffers.length], 0, len, i * chunkSize)
      if (bytesRead !== len) throw new Error(`${absPath} shrank while it was being hashed`)
      return bytesRead
    }
    let pending = readChunk(0)
    try {
      for (let i = 0; i < count; i++) {
        options.signal?.throwIfAborted()
        const n = await pending
        if (i + 1 < count) pending = readChunk(i + 1)
        await onDigest(digestOf(buffers[i % buffers.length].subarray(0, n)))
        options.onBytes?.(n)
      }
    } finally {
      // A read still under way when hashing stopped (cancelled) must end before the file closes.
      await pending.catch(() => {})
    }
  } finally {
    await fh.close()
  }
}

/** SHA-256 of every chunk of one file, concatenated. */
export async function hashFileChunks (absPath: string, size: number, chunkSize: number, options: AbortOptions = {}): Promise<Uint8Array> {
  const hashes = new Uint8Array(chunksFor(size, chunkSize) * HASH_LENGTH)
  let at = 0
  await hashFile(absPath, size, chunkSize, async d => { hashes.set(d, at); at += HASH_LENGTH }, options)
  return hashes
}

export interface HashOptions extends AbortOptions {
  /** Told the bytes of every chunk hashed. */
  onBytes?(bytes: number): void
}

/** Small files (one chunk or less) hashed at once. */
const SMALL_FILES_AT_ONCE = 16

/** A file or folder listed and checked for sharing, before anything is hashed. */
export interface ListedShare {
  /** The share's name: the file's or folder's own. */
  readonly name: string
  readonly files: readonly SourceFile[]
  /** Bytes in all. */
  readonly size: number
}

/**
 * Lists a file or folder and refuses at once what no downloader would take
 * (see checkShareable); nothing is read but names and sizes.
 */
export async function listShare (target: string, chunkSize: number): Promise<ListedShare> {
  const files = await collectFiles(target)
  const name = path.basename(path.resolve(target))
  checkShareable(name, files, chunkSize)
  return { name, files, size: files.reduce((n, f) => n + f.size, 0) }
}

export interface ChunkOptions extends HashOptions {
  /** The listing, when `listShare` made it already; default: listed now. */
  listed?: ListedShare
  /** Where the manifest's blocks (pieces of chunk hashes, listing pages) go as they are made; default: nowhere (only the root and listing are wanted). */
  sink?: BlockSink
  /** Told once a file is hashed, or its earlier hashes reused (`reused`). */
  onFile?(file: SourceFile, reused: boolean): void
  /**
   * Hashes an earlier share of the same file made, when its size and
   * modification time are what they were then (the file is not hashed again).
   */
  reuse?(file: SourceFile): Promise<{ hashes: Uint8Array, pieces?: Uint8Array } | undefined>
}

/**
 * Refuses at once, before anything is hashed, a share that a downloader
 * would refuse: the same checks of names and counts, in the same words.
 */
export function checkShareable (name: string, files: readonly SourceFile[], chunkSize: number): void {
  checkSharePath(name)
  let bytes = 0
  let chunks = 0
  for (const f of files) {
    checkSharePath(f.path)
    bytes += f.size
    chunks += chunksFor(f.size, chunkSize)
  }
  checkShareTotals(files.length, bytes, chunks, chunkSize)
}

/**
 * Chunks and hashes a file or folder and builds its (version 2) manifest
 * and root. Pieces of chunk hashes and pages of the listing go to the sink as
 * they are made, so memory holds the listing and a piece, whatever the size.
 */
export async function chunkPath (target: string, chunkSize: number, options: ChunkOptions = {}): Promise<ChunkedShare> {
  const sink = options.sink ?? (async () => {})
  const { name, files } = options.listed ?? await listShare(target, chunkSize)
  const listed: ListedFile[] = new Array(files.length)
  const one = async (i: number): Promise<void> => {
    const f = files[i]
    options.signal?.throwIfAborted()
    let entry = await options.reuse?.(f)
    const reused = entry != null
    if (entry == null) {
      const hashes = new FileHashes(chunksFor(f.size, chunkSize), sink)
      await hashFile(f.absPath, f.size, chunkSize, async d => { await hashes.push(d) }, options)
      entry = await hashes.finish()
    } else {
      options.onBytes?.(f.size)
    }
    listed[i] = { path: f.path, size: f.size, ...entry }
    options.onFile?.(f, reused)
  }
  // Small files cost a few trips to the file system's threads each, not bytes: several go at
  // once. A large one goes alone, so memory holds one file's two chunk buffers.
  for (let i = 0; i < files.length;) {
    if (files[i].size > chunkSize) {
      await one(i++)
      continue
    }
    const batch: number[] = []
    while (i < files.length && files[i].size <= chunkSize && batch.length < SMALL_FILES_AT_ONCE) batch.push(i++)
    await Promise.all(batch.map(one))
  }
  options.signal?.throwIfAborted()
  const { manifest, rootBytes } = await buildPagedManifest(name, chunkSize, listed, sink)
  return { manifest, manifestBytes: rootBytes, root: await rootOf(rootBytes), files }
}
