/**
 * The manifest of a share and its root, in memory and as version 1 (one
 * message, kept for shares made before version 2: see paged-manifest.ts).
 * Encoding is deterministic protobuf (pb/manifest-message.proto), and the root
 * is a CIDv1 (raw, sha2-256) of the root block's bytes, so the same names
 * and bytes give the same root for every sharer. Decoding refuses absurd
 * sizes and counts before allocating anything, and refuses unsafe names;
 * the checks of a listing are the same for both versions, and a sharer
 * makes them too before hashing anything (shared/limits.ts).
 */
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { ManifestInvalidError, ManifestTooLargeError } from '../errors.js'
import { Manifest as ManifestMessage } from '../pb/manifest-message.js'
import { checkSharePath } from './safe-path.js'
import { SHARE_LIMITS, limitMessages } from '../../../shared/limits.js'
import type { ManifestFileView } from '../../../shared/index.js'

/** The single-message manifest's version. */
export const MANIFEST_VERSION = 1
export const HASH_LENGTH = 32
/** Largest encoded version-1 manifest accepted: 8 MiB covers 256 GiB at 1 MiB chunks. */
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024
export const MAX_FILES = SHARE_LIMITS.maxFiles
export const MIN_CHUNK_SIZE = SHARE_LIMITS.minChunkSize
export const MAX_CHUNK_SIZE = SHARE_LIMITS.maxChunkSize
/** Largest share accepted, bytes (1 PiB). */
export const MAX_SHARE_SIZE = SHARE_LIMITS.maxBytes

/** One file of a share, with its place in the share-wide chunk numbering. */
export interface ManifestFile {
  readonly path: string
  readonly size: number
  /** Concatenated 32-byte digests; empty when the file's hashes are in pieces. */
  readonly hashes: Uint8Array
  /** Version 2, a file of many chunks: the digest of each piece of its chunk hashes, concatenated. */
  readonly pieces?: Uint8Array
  readonly firstChunk: number
  readonly chunkCount: number
}

/** A decoded, validated manifest: the whole listing; chunk hashes inline or, for version 2, in pieces. */
export interface Manifest {
  readonly version: number
  readonly name: string
  readonly chunkSize: number
  readonly files: readonly ManifestFile[]
  readonly size: number
  readonly chunkCount: number
  /** Version 2: the digests of the listing's pages, concatenated. */
  readonly pages?: Uint8Array
}

/** Where a chunk lives. */
export interface ChunkLocation {
  readonly file: ManifestFile
  readonly fileIndex: number
  /** Byte offset inside the file. */
  readonly offset: number
  readonly length: number
}

/** A file as a listing gives it, before chunk numbers are assigned. */
export interface ListedFile {
  readonly path: string
  readonly size: number
  readonly hashes: Uint8Array
  readonly pieces?: Uint8Array
}

/** Chunks needed for `size` bytes. */
export function chunksFor (size: number, chunkSize: number): number {
  return Math.ceil(size / chunkSize)
}

/** Builds the in-memory form from names, sizes and digests, assigning chunk numbers. */
export function makeManifest (name: string, chunkSize: number, files: readonly ListedFile[], version = MANIFEST_VERSION, pages?: Uint8Array): Manifest {
  let next = 0
  let size = 0
  const out: ManifestFile[] = []
  for (const f of files) {
    const chunkCount = chunksFor(f.size, chunkSize)
    out.push({ path: f.path, size: f.size, hashes: f.hashes, pieces: f.pieces, firstChunk: next, chunkCount })
    next += chunkCount
    size += f.size
  }
  return { version, name, chunkSize, files: out, size, chunkCount: next, pages }
}

/** Deterministic bytes of a version-1 manifest. */
export function encodeManifest (m: Manifest): Uint8Array {
  return ManifestMessage.encode({
    version: MANIFEST_VERSION,
    name: m.name,
    chunkSize: m.chunkSize,
    files: m.files.map(f => ({ path: f.path, size: BigInt(f.size), hashes: f.hashes as Uint8Array<ArrayBuffer> }))
  })
}

/** The root CID of encoded root block bytes. */
export async function rootOf (bytes: Uint8Array): Promise<CID> {
  return CID.createV1(raw.code, await sha256.digest(bytes))
}

/**
 * The version of a root block: field 1 of every version, which a
 * deterministic encoder writes first (0 when absent).
 */
export function rootVersion (bytes: Uint8Array): number {
  if (bytes.byteLength < 2 || bytes[0] !== 0x08) return 0
  let value = 0
  for (let i = 1, scale = 1; i < Math.min(bytes.byteLength, 6); i++, scale *= 128) {
    value += (bytes[i] & 0x7f) * scale
    if (bytes[i] < 0x80) return value
  }
  return 0
}

/** Refuses counts past the limits of a share, in the words a sharer uses too. */
export function checkShareTotals (files: number, bytes: number | bigint, chunks: number | bigint, chunkSize: number): void {
  if (chunkSize < SHARE_LIMITS.minChunkSize || chunkSize > SHARE_LIMITS.maxChunkSize) throw new ManifestTooLargeError(limitMessages.chunkSize(chunkSize))
  if (files > SHARE_LIMITS.maxFiles) throw new ManifestTooLargeError(limitMessages.files())
  if (BigInt(bytes) > BigInt(SHARE_LIMITS.maxBytes)) throw new ManifestTooLargeError(limitMessages.bytes())
  if (BigInt(chunks) > BigInt(SHARE_LIMITS.maxChunks)) throw new ManifestTooLargeError(limitMessages.chunks(chunkSize))
}

/** One file's entry as received, sizes still as sent. */
export interface ReceivedFile {
  readonly path: string
  readonly size: bigint
  readonly hashes: Uint8Array
  readonly pieces?: Uint8Array
}

/**
 * Checks a received listing (either version) and builds the manifest:
 * safe names inside the share, no duplicates, nothing both a file and a
 * folder, sizes and chunk counts within the limits, and for each file the
 * right number of chunk hashes (or of pieces, checked by `checkHashes`).
 */
export function checkListing (name: string, chunkSize: number, received: Iterable<ReceivedFile>, checkHashes: (f: ReceivedFile, chunks: number) => void, version = MANIFEST_VERSION, pages?: Uint8Array): Manifest {
  if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) throw new ManifestTooLargeError(limitMessages.chunkSize(chunkSize))
  const nameSegments = checkSharePath(name)
  if (nameSegments.length !== 1) throw new ManifestInvalidError('the share name must be a single name.')
  const seen = new Set<string>()
  let total = 0n
  let chunks = 0
  const files: ListedFile[] = []
  for (const f of received) {
    checkSharePath(f.path)
    if (!(f.path === name || f.path.startsWith(`${name}/`))) throw new ManifestInvalidError(`file "${f.path.slice(0, 200)}" is not inside the share "${name}".`)
    if (seen.has(f.path)) throw new ManifestInvalidError(`file "${f.path.slice(0, 200)}" is listed twice.`)
    seen.add(f.path)
    total += f.size
    if (f.size > BigInt(MAX_SHARE_SIZE) || total > BigInt(MAX_SHARE_SIZE)) throw new ManifestTooLargeError(limitMessages.bytes())
    const size = Number(f.size)
    const fileChunks = chunksFor(size, chunkSize)
    chunks += fileChunks
    if (chunks > SHARE_LIMITS.maxChunks) throw new ManifestTooLargeError(limitMessages.chunks(chunkSize))
    checkHashes(f, fileChunks)
    files.push({ path: f.path, size, hashes: f.hashes, pieces: f.pieces })
  }
  if (files.length === 0) throw new ManifestInvalidError('it lists no files.')
  checkShareTotals(files.length, total, chunks, chunkSize)
  // A single-file share is exactly one file named like the share; a folder share has only paths below it.
  if (seen.has(name) && files.length !== 1) throw new ManifestInvalidError('a file and a folder share the same name.')
  // No path may be both a file and a folder (a/b listed as a file and a/b/c below it): it could never be written.
  for (const f of files) {
    for (let cut = f.path.indexOf('/'); cut !== -1; cut = f.path.indexOf('/', cut + 1)) {
      const folder = f.path.slice(0, cut)
      if (seen.has(folder)) throw new ManifestInvalidError(`"${folder.slice(0, 200)}" is listed both as a file and as a folder.`)
    }
  }
  return makeManifest(name, chunkSize, files, version, pages)
}

/** Decodes and validates a version-1 manifest received from a peer or read from the store. */
export function decodeManifest (bytes: Uint8Array): Manifest {
  if (bytes.byteLength > MAX_MANIFEST_BYTES) throw new ManifestTooLargeError(`The manifest is ${bytes.byteLength} bytes; at most ${MAX_MANIFEST_BYTES} are accepted.`)
  let msg: ManifestMessage
  try {
    msg = ManifestMessage.decode(bytes, { limits: { files: MAX_FILES } })
  } catch (err) {
    if ((err as Error).name === 'MaxLengthError') throw new ManifestTooLargeError(limitMessages.files())
    throw new ManifestInvalidError(`it cannot be decoded (${(err as Error).message}).`)
  }
  if (msg.version !== MANIFEST_VERSION) throw new ManifestInvalidError(`version ${msg.version} is not supported by this PeerShare (it reads versions 1 and 2); update PeerShare.`)
  return checkListing(msg.name, msg.chunkSize, msg.files, (f, chunks) => {
    if (f.hashes.byteLength !== chunks * HASH_LENGTH) throw new ManifestInvalidError(`file "${f.path.slice(0, 200)}" has ${f.hashes.byteLength / HASH_LENGTH} chunk hashes for ${f.size} bytes.`)
  })
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

/** The expected digest of a chunk whose file carries its hashes inline (a view, not a copy); see ChunkHashes for any chunk. */
export function chunkHash (m: Manifest, index: number): Uint8Array {
  const { file } = locateChunk(m, index)
  const k = index - file.firstChunk
  if (file.hashes.byteLength === 0) throw new RangeError(`chunk ${index}'s hash is in a piece, not inline`)
  return file.hashes.subarray(k * HASH_LENGTH, (k + 1) * HASH_LENGTH)
}

/** The manifest's files as views, the first `max` of them (default all). */
export function fileViews (m: Manifest, max = m.files.length): ManifestFileView[] {
  return m.files.slice(0, max).map(f => ({ path: f.path, size: f.size, firstChunk: f.firstChunk, chunkCount: f.chunkCount }))
}
