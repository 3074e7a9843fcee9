/**
 * Cuts files into fixed-size chunks and hashes each with SHA-256, streaming
 * from disk through two reused buffers (one being read while the other is
 * hashed), so memory stays flat whatever the file size.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { PathNotFoundError } from '../errors.js'
import { HASH_LENGTH, MAX_FILES, chunksFor, encodeManifest, makeManifest, rootOf, type Manifest } from './manifest.js'
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
    for (const e of entries) {
      const childAbs = path.join(dir, e.name)
      const childRel = `${rel}/${e.name}`
      if (e.isDirectory()) await walk(childAbs, childRel)
      else if (e.isFile()) {
        const s = await fs.stat(childAbs)
        out.push({ path: childRel, absPath: childAbs, size: s.size, mtimeMs: s.mtimeMs })
        if (out.length > MAX_FILES) throw new PathNotFoundError(`${abs} (more than ${MAX_FILES} files)`)
      }
    }
  }
  await walk(abs, name)
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  if (out.length === 0) throw new PathNotFoundError(`${abs} (an empty folder)`)
  return out
}

/** SHA-256 of every chunk of one file, concatenated. */
export async function hashFileChunks (absPath: string, size: number, chunkSize: number, options: AbortOptions = {}): Promise<Uint8Array> {
  const count = chunksFor(size, chunkSize)
  const hashes = new Uint8Array(count * HASH_LENGTH)
  if (count === 0) return hashes
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
    for (let i = 0; i < count; i++) {
      options.signal?.throwIfAborted()
      const n = await pending
      if (i + 1 < count) pending = readChunk(i + 1)
      const digest = createHash('sha256').update(buffers[i % buffers.length].subarray(0, n)).digest()
      hashes.set(digest, i * HASH_LENGTH)
    }
  } finally {
    await fh.close()
  }
  return hashes
}

/** Chunks and hashes a file or folder and builds its manifest and root. */
export async function chunkPath (target: string, chunkSize: number, options: AbortOptions = {}): Promise<ChunkedShare> {
  const files = await collectFiles(target)
  const hashed: Array<{ path: string, size: number, hashes: Uint8Array }> = []
  for (const f of files) {
    hashed.push({ path: f.path, size: f.size, hashes: await hashFileChunks(f.absPath, f.size, chunkSize, options) })
  }
  const manifest = makeManifest(path.basename(path.resolve(target)), chunkSize, hashed)
  const manifestBytes = encodeManifest(manifest)
  return { manifest, manifestBytes, root: await rootOf(manifestBytes), files }
}
