/**
 * The manifest of a share and its root. Encoding is deterministic protobuf
 * (pb/manifest-message.proto), and the root is a CIDv1 (raw, sha2-256) of those
 * bytes, so the same names and bytes give the same root for every sharer.
 * Decoding refuses absurd sizes and counts before allocating anything, and
 * refuses unsafe names.
 */
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { ManifestInvalidError, ManifestTooLargeError } from '../errors.js'
import { Manifest as ManifestMessage } from '../pb/manifest-message.js'
import { checkSharePath } from './safe-path.js'
import type { ManifestFileView } from '../../../shared/index.js'

export const MANIFEST_VERSION = 1
export const HASH_LENGTH = 32
/** Largest encoded manifest accepted: 8 MiB covers 256 GiB at 1 MiB chunks. */
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024
export const MAX_FILES = 100_000
export const MIN_CHUNK_SIZE = 16 * 1024
export const MAX_CHUNK_SIZE = 4 * 1024 * 1024
/** Largest share accepted, bytes (1 PiB). */
export const MAX_SHARE_SIZE = 2 ** 50

/** One file of a share, with its place in the share-wide chunk numbering. */
export interface ManifestFile {
  readonly path: string
  readonly size: number
  /** Concatenated 32-byte digests. */
  readonly hashes: Uint8Array
  readonly firstChunk: number
  readonly chunkCount: number
}

/** A decoded, validated manifest. */
export interface Manifest {
  readonly version: number
  readonly name: string
  readonly chunkSize: number
  readonly files: readonly ManifestFile[]
  readonly size: number
  readonly chunkCount: number
}

/** Where a chunk lives. */
export interface ChunkLocation {
  readonly file: ManifestFile
  readonly fileIndex: number
  /** Byte offset inside the file. */
  readonly offset: number
  readonly length: number
}

/** Chunks needed for `size` bytes. */
export function chunksFor (size: number, chunkSize: number): number {
  return Math.ceil(size / chunkSize)
}

/** Builds the in-memory form from names, sizes and digests, assigning chunk numbers. */
export function makeManifest (name: string, chunkSize: number, files: ReadonlyArray<{ path: string, size: number, hashes: Uint8Array }>): Manifest {
  let next = 0
  let size = 0
  const out: ManifestFile[] = []
  for (const f of files) {
    const chunkCount = chunksFor(f.size, chunkSize)
    out.push({ path: f.path, size: f.size, hashes: f.hashes, firstChunk: next, chunkCount })
    next += chunkCount
    size += f.size
  }
  return { version: MANIFEST_VERSION, name, chunkSize, files: out, size, chunkCount: next }
}

/** Deterministic bytes of a manifest. */
export function encodeManifest (m: Manifest): Uint8Array {
  return ManifestMessage.encode({
    version: m.version,
    name: m.name,
    chunkSize: m.chunkSize,
    files: m.files.map(f => ({ path: f.path, size: BigInt(f.size), hashes: f.hashes as Uint8Array<ArrayBuffer> }))
  })
}

/** The root CID of encoded manifest bytes. */
export async function rootOf (bytes: Uint8Array): Promise<CID> {
  return CID.createV1(raw.code, await sha256.digest(bytes))
}

/** Decodes and validates manifest bytes received from a peer. */
export function decodeManifest (bytes: Uint8Array): Manifest {
  if (bytes.byteLength > MAX_MANIFEST_BYTES) throw new ManifestTooLargeError(`The manifest is ${bytes.byteLength} bytes; at most ${MAX_MANIFEST_BYTES} are accepted.`)
  let msg: ManifestMessage
  try {
    msg = ManifestMessage.decode(bytes, { limits: { files: MAX_FILES } })
  } catch (err) {
    if ((err as Error).name === 'MaxLengthError') throw new ManifestTooLargeError(`The manifest lists more than ${MAX_FILES} files.`)
    throw new ManifestInvalidError(`it cannot be decoded (${(err as Error).message}).`)
  }
  if (msg.version !== MANIFEST_VERSION) throw new ManifestInvalidError(`version ${msg.version} is not supported by this PeerShare (it reads version ${MANIFEST_VERSION}); update PeerShare.`)
  if (msg.chunkSize < MIN_CHUNK_SIZE || msg.chunkSize > MAX_CHUNK_SIZE) throw new ManifestTooLargeError(`The manifest's chunk size ${msg.chunkSize} is outside ${MIN_CHUNK_SIZE}..${MAX_CHUNK_SIZE} bytes.`)
  const nameSegments = checkSharePath(msg.name)
  if (nameSegments.length !== 1) throw new ManifestInvalidError('the share name must be a single name.')
  if (msg.files.length === 0) throw new ManifestInvalidError('it lists no files.')

  const seen = new Set<string>()
  let total = 0n
  const files: Array<{ path: string, size: number, hashes: Uint8Array }> = []
  for (const f of msg.files) {
    checkSharePath(f.path)
    if (!(f.path === msg.name || f.path.startsWith(`${msg.name}/`))) throw new ManifestInvalidError(`file "${f.path.slice(0, 200)}" is not inside the share "${msg.name}".`)
    if (seen.has(f.path)) throw new ManifestInvalidError(`file "${f.path.slice(0, 200)}" is listed twice.`)
    seen.add(f.path)
    total += f.size
    if (f.size > BigInt(MAX_SHARE_SIZE) || total > BigInt(MAX_SHARE_SIZE)) throw new ManifestTooLargeError(`The share claims more than ${MAX_SHARE_SIZE} bytes; it was refused.`)
    const size = Number(f.size)
    if (f.hashes.byteLength !== chunksFor(size, msg.chunkSize) * HASH_LENGTH) throw new ManifestInvalidError(`file "${f.path.slice(0, 200)}" has ${f.hashes.byteLength / HASH_LENGTH} chunk hashes for ${size} bytes.`)
    files.push({ path: f.path, size, hashes: f.hashes })
  }
  // A single-file share is exactly one file named like the share; a folder share has only paths below it.
  if (files.some(f => f.path === msg.name) && files.length !== 1) throw new ManifestInvalidError('a file and a folder share the same name.')
  // No path may be both a file and a folder (a/b listed as a file and a/b/c below it): it could never be written.
  for (const f of files) {
    for (let cut = f.path.indexOf('/'); cut !== -1; cut = f.path.indexOf('/', cut + 1)) {
      const folder = f.path.slice(0, cut)
      if (seen.has(folder)) throw new ManifestInvalidError(`"${folder.slice(0, 200)}" is listed both as a file and as a folder.`)
    }
  }
  return makeManifest(msg.name, msg.chunkSize, files)
}

/** Finds the file and byte range of a chunk. */
export function locateChunk (m: Manifest, index: number): ChunkLocation {
  if (!Number.isInteger(index) || index < 0 || index >= m.chunkCount) throw new RangeError(`chunk ${index} is outside 0..${m.chunkCount - 1}`)
  let lo = 0
  let hi = m.files.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (m.files[mid].firstChunk <= index) lo = mid
    else hi = mid - 1
  }
  // Empty files own no chunks; step forward to the file that does.
  while (m.files[lo].chunkCount === 0 || index >= m.files[lo].firstChunk + m.files[lo].chunkCount) lo++
  const file = m.files[lo]
  const offset = (index - file.firstChunk) * m.chunkSize
  return { file, fileIndex: lo, offset, length: Math.min(m.chunkSize, file.size - offset) }
}

/** The expected digest of a chunk (a view, not a copy). */
export function chunkHash (m: Manifest, index: number): Uint8Array {
  const { file } = locateChunk(m, index)
  const k = index - file.firstChunk
  return file.hashes.subarray(k * HASH_LENGTH, (k + 1) * HASH_LENGTH)
}

/** The manifest's files as views. */
export function fileViews (m: Manifest): ManifestFileView[] {
  return m.files.map(f => ({ path: f.path, size: f.size, firstChunk: f.firstChunk, chunkCount: f.chunkCount }))
}
