/**
 * Version 2 of the manifest, for shares of any size (in the spirit of
 * BitTorrent v2's piece layers and IPFS's sharded directories). The root
 * block names the share and lists the SHA-256 of each page of its listing;
 * a page lists files in path order, each with its size and either its chunk
 * hashes (a file of at most INLINE_HASHES chunks) or the SHA-256 of each
 * piece of its chunk hashes (PIECE_HASHES hashes a piece). Every block is
 * bounded and is checked against the digest its parent names, so the root,
 * the CID of the root block, still depends only on names and bytes; pages
 * are cut at fixed byte bounds in path order, so every sharer cuts them alike.
 * A downloader fetches the root and the pages (the listing a person picks
 * from), then only the pieces of the files it fetches, from any peer.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { BlockMismatchError, ManifestInvalidError, ManifestTooLargeError } from '../errors.js'
import { ListingEntry, ListingPage, ManifestRoot } from '../pb/manifest-message.js'
import {
  HASH_LENGTH, MAX_FILES, checkListing, checkShareTotals, decodeManifest, makeManifest, rootVersion,
  type ListedFile, type Manifest, type ReceivedFile
} from './manifest.js'
import { checkSharePath } from './safe-path.js'

export const PAGED_MANIFEST_VERSION = 2
/** A file of at most this many chunks carries their hashes in its listing entry. */
export const INLINE_HASHES = 4
/** Chunk hashes in one piece (256 KiB: 8 GiB of a file at 1 MiB chunks). */
export const PIECE_HASHES = 8192
/** A page of the listing is closed before it would grow past this many bytes. */
export const PAGE_TARGET_BYTES = 256 * 1024
/** Listing pages asked for at once while a listing is fetched. */
const PAGES_AHEAD = 4
/** Largest root block: a digest per page, and a page per 256 KiB of listing. */
export const MAX_ROOT_BLOCK_BYTES = 1024 * 1024
/** Largest page or piece a peer may send: a page closes before 256 KiB, and no entry (a 4,096-character path, 1,024 piece digests) is larger. */
export const MAX_BLOCK_BYTES = 512 * 1024

/** The SHA-256 of some bytes. */
export function sha256Of (bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest()
}

/** Throws BlockMismatchError unless `bytes` hash to `digest`. */
export function checkBlock (digest: Uint8Array, bytes: Uint8Array, what: string, from: string): void {
  const actual = sha256Of(bytes)
  if (actual.byteLength !== digest.byteLength || !timingSafeEqual(actual, digest)) throw new BlockMismatchError(what, from)
}

/** Pieces a file of `chunks` chunks has (0 when its hashes are inline). */
export function piecesFor (chunks: number): number {
  return chunks <= INLINE_HASHES ? 0 : Math.ceil(chunks / PIECE_HASHES)
}

/** The i-th 32-byte digest of concatenated digests (a view). */
export function digestAt (digests: Uint8Array, i: number): Uint8Array {
  return digests.subarray(i * HASH_LENGTH, (i + 1) * HASH_LENGTH)
}

/** Stores a block as it is made; a share's blocks are its pages and pieces. */
export type BlockSink = (digest: Uint8Array, bytes: Uint8Array) => Promise<void>

/**
 * One file's chunk hashes as they are computed, in order: kept inline when
 * the file has few chunks, otherwise cut into pieces that go to `sink` as
 * each fills, so memory holds one piece, whatever the file's size.
 */
export class FileHashes {
  private readonly chunks: number
  private readonly sink: BlockSink
  private buffer: Uint8Array
  private filled = 0
  private readonly pieces: Uint8Array
  private piece = 0

  constructor (chunks: number, sink: BlockSink) {
    this.chunks = chunks
    this.sink = sink
    const pieces = piecesFor(chunks)
    this.pieces = new Uint8Array(pieces * HASH_LENGTH)
    this.buffer = new Uint8Array(pieces === 0 ? chunks * HASH_LENGTH : Math.min(PIECE_HASHES, chunks) * HASH_LENGTH)
  }

  /** Adds the next chunk's digest. */
  async push (digest: Uint8Array): Promise<void> {
    this.buffer.set(digest, this.filled)
    this.filled += HASH_LENGTH
    if (this.pieces.byteLength > 0 && this.filled === this.buffer.byteLength) await this.flushPiece()
  }

  /** The file's entry fields once every digest is in. */
  async finish (): Promise<{ hashes: Uint8Array, pieces?: Uint8Array }> {
    if (this.pieces.byteLength === 0) return { hashes: this.buffer.subarray(0, this.filled) }
    if (this.filled > 0) await this.flushPiece()
    if (this.piece * HASH_LENGTH !== this.pieces.byteLength) throw new Error(`a file of ${this.chunks} chunks got ${this.piece} pieces`)
    return { hashes: new Uint8Array(), pieces: this.pieces }
  }

  private async flushPiece (): Promise<void> {
    const bytes = this.buffer.slice(0, this.filled)
    const digest = sha256Of(bytes)
    this.pieces.set(digest, this.piece * HASH_LENGTH)
    this.piece++
    await this.sink(digest, bytes)
    const left = this.chunks - this.piece * PIECE_HASHES
    this.buffer = new Uint8Array(Math.min(PIECE_HASHES, Math.max(0, left)) * HASH_LENGTH)
    this.filled = 0
  }
}

/** Builds a version-2 manifest from a listing whose pieces are already in `sink`; the pages go there too. */
export async function buildPagedManifest (name: string, chunkSize: number, files: readonly ListedFile[], sink: BlockSink): Promise<{ manifest: Manifest, rootBytes: Uint8Array }> {
  const pageDigests: Uint8Array[] = []
  let entries: ListingEntry[] = []
  let pageBytes = 0
  const closePage = async (): Promise<void> => {
    const bytes = ListingPage.encode({ entries })
    const digest = sha256Of(bytes)
    pageDigests.push(digest)
    await sink(digest, bytes)
    entries = []
    pageBytes = 0
  }
  for (const f of files) {
    const entry: ListingEntry = { path: f.path, size: BigInt(f.size), hashes: f.hashes as Uint8Array<ArrayBuffer>, pieces: (f.pieces ?? new Uint8Array()) as Uint8Array<ArrayBuffer> }
    const length = ListingEntry.encode(entry).byteLength
    // The entry's tag and length prefix come on top of its bytes.
    const framed = length + 1 + varintLength(length)
    if (entries.length > 0 && pageBytes + framed > PAGE_TARGET_BYTES) await closePage()
    entries.push(entry)
    pageBytes += framed
  }
  await closePage()
  const pages = concat(pageDigests)
  const manifest = makeManifest(name, chunkSize, files, PAGED_MANIFEST_VERSION, pages)
  const rootBytes = ManifestRoot.encode({
    version: PAGED_MANIFEST_VERSION,
    name,
    chunkSize,
    size: BigInt(manifest.size),
    fileCount: files.length,
    chunkCount: BigInt(manifest.chunkCount),
    pages: pages as Uint8Array<ArrayBuffer>
  })
  return { manifest, rootBytes }
}

/** A version-2 root, checked, before its pages are fetched. */
export interface PagedRoot {
  readonly name: string
  readonly chunkSize: number
  readonly size: number
  readonly fileCount: number
  readonly chunkCount: number
  /** The digests of the listing's pages, concatenated. */
  readonly pages: Uint8Array
}

/** A root block, decoded: a whole version-1 manifest, or a version-2 root whose pages come next. */
export type RootBlock =
  | { readonly version: 1, readonly manifest: Manifest }
  | { readonly version: 2, readonly root: PagedRoot }

/** Decodes and checks a root block of either version; the version field says which. */
export function decodeRootBlock (bytes: Uint8Array): RootBlock {
  const version = rootVersion(bytes)
  if (version === 1) return { version: 1, manifest: decodeManifest(bytes) }
  if (version !== PAGED_MANIFEST_VERSION) throw new ManifestInvalidError(`version ${version} is not supported by this PeerShare (it reads versions 1 and 2); update PeerShare.`)
  if (bytes.byteLength > MAX_ROOT_BLOCK_BYTES) throw new ManifestTooLargeError(`The manifest's root is ${bytes.byteLength} bytes; at most ${MAX_ROOT_BLOCK_BYTES} are accepted.`)
  let msg: ManifestRoot
  try {
    msg = ManifestRoot.decode(bytes)
  } catch (err) {
    throw new ManifestInvalidError(`its root cannot be decoded (${(err as Error).message}).`)
  }
  checkShareTotals(msg.fileCount, msg.size, msg.chunkCount, msg.chunkSize)
  if (checkSharePath(msg.name).length !== 1) throw new ManifestInvalidError('the share name must be a single name.')
  const pageCount = msg.pages.byteLength / HASH_LENGTH
  if (msg.fileCount === 0 || pageCount === 0 || !Number.isInteger(pageCount) || pageCount > msg.fileCount) throw new ManifestInvalidError(`its root lists ${msg.fileCount} files in ${pageCount} pages.`)
  return { version: 2, root: { name: msg.name, chunkSize: msg.chunkSize, size: Number(msg.size), fileCount: msg.fileCount, chunkCount: Number(msg.chunkCount), pages: msg.pages } }
}

/** Fetches page `index` (whose digest is `digest`); `from` names who answered, for the error if it does not match. */
export type PageSource = (digest: Uint8Array, index: number) => Promise<{ bytes: Uint8Array, from: string }>

/**
 * Fetches every page of a version-2 root through `getPage`, checks each
 * against its digest, then checks the whole listing as a version-1 manifest
 * is checked and against the root's totals. Returns the manifest and the
 * pages (to keep, and serve to others).
 */
export async function assembleManifest (root: PagedRoot, getPage: PageSource): Promise<{ manifest: Manifest, pages: Uint8Array[] }> {
  const pageCount = root.pages.byteLength / HASH_LENGTH
  const pages: Uint8Array[] = []
  const received: ReceivedFile[] = []
  // A few pages are asked for ahead of the one being checked: a listing of many pages costs a few round trips, not one per page.
  const asked: Array<Promise<{ bytes: Uint8Array, from: string }>> = []
  const ask = (i: number): void => {
    if (i < pageCount && asked[i] == null) {
      asked[i] = getPage(digestAt(root.pages, i), i)
      asked[i].catch(() => {})
    }
  }
  for (let i = 0; i < pageCount; i++) {
    for (let k = i; k < i + PAGES_AHEAD; k++) ask(k)
    const digest = digestAt(root.pages, i)
    const { bytes, from } = await asked[i]
    delete asked[i]
    if (bytes.byteLength > MAX_BLOCK_BYTES) throw new ManifestTooLargeError(`A page of the share's listing is ${bytes.byteLength} bytes; at most ${MAX_BLOCK_BYTES} are accepted.`)
    checkBlock(digest, bytes, `page ${i + 1} of the listing`, from)
    let page: ListingPage
    try {
      page = ListingPage.decode(bytes, { limits: { entries: MAX_FILES } })
    } catch (err) {
      throw new ManifestInvalidError(`page ${i + 1} of its listing cannot be decoded (${(err as Error).message}).`)
    }
    if (page.entries.length === 0 || received.length + page.entries.length > root.fileCount) throw new ManifestInvalidError(`its listing does not hold the ${root.fileCount} files its root names.`)
    for (const e of page.entries) received.push(e)
    pages.push(bytes)
  }
  const manifest = checkListing(root.name, root.chunkSize, received, (f, chunks) => {
    const pieces = piecesFor(chunks)
    const hashes = pieces === 0 ? chunks : 0
    if (f.hashes.byteLength !== hashes * HASH_LENGTH || (f.pieces?.byteLength ?? 0) !== pieces * HASH_LENGTH) {
      throw new ManifestInvalidError(`file "${f.path.slice(0, 200)}" of ${f.size} bytes has ${f.hashes.byteLength / HASH_LENGTH} chunk hashes and ${(f.pieces?.byteLength ?? 0) / HASH_LENGTH} pieces.`)
    }
  }, PAGED_MANIFEST_VERSION, root.pages)
  if (manifest.files.length !== root.fileCount || manifest.size !== root.size || manifest.chunkCount !== root.chunkCount) {
    throw new ManifestInvalidError('its listing does not add up to the totals its root names.')
  }
  return { manifest, pages }
}

function varintLength (n: number): number {
  let len = 1
  for (let v = n; v >= 0x80; v = Math.floor(v / 128)) len++
  return len
}

function concat (parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}
