/**
 * The expected SHA-256 of any chunk of a share. A file of a few chunks
 * carries its hashes in the listing; a larger one's hashes are in pieces,
 * which are loaded when first needed (from the profile's store, or from a
 * peer), checked against the digest the listing names, and kept in a small
 * cache, so memory holds a few pieces whatever the share's size. Two chunks
 * that need the same piece at once share one load.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { PIECE_CACHE_PIECES } from '../defaults.js'
import { BlockMismatchError } from '../errors.js'
import { HASH_LENGTH, locateChunk, type Manifest } from './manifest.js'
import { PIECE_HASHES, checkBlock, digestAt } from './paged-manifest.js'
import type { AbortOptions } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'

/** Where pieces come from. */
export interface PieceLoader {
  /** The bytes of the piece with this digest, and who sent them (for the error if they do not match). */
  get(digest: Uint8Array, options: PieceOptions): Promise<{ bytes: Uint8Array, from: string }>
  /** A piece that matched: keep it (in the store) so it need not be fetched again. Default: nothing. */
  keep?(digest: Uint8Array, bytes: Uint8Array): Promise<void>
}

export interface PieceOptions extends AbortOptions {
  /** The peer to ask first, when the loader fetches from peers (the one about to send the chunk). */
  peer?: string
}

export interface ChunkHashesInit {
  /** Pieces kept in memory; default PIECE_CACHE_PIECES. */
  cachePieces?: number
}

/** No pieces anywhere: a manifest whose hashes are all inline (version 1, or a share of small files). */
const NO_PIECES: PieceLoader = {
  get: async () => { throw new Error('this share has no pieces to load') }
}

export class ChunkHashes {
  readonly manifest: Manifest
  private readonly loader: PieceLoader
  private readonly cachePieces: number
  /** Recently used pieces by digest (hex); insertion order is recency. */
  private readonly cache = new Map<string, Uint8Array>()
  private readonly loading = new Map<string, Promise<Uint8Array | undefined>>()

  constructor (manifest: Manifest, loader: PieceLoader = NO_PIECES, init: ChunkHashesInit = {}) {
    this.manifest = manifest
    this.loader = loader
    this.cachePieces = init.cachePieces ?? PIECE_CACHE_PIECES
  }

  /** The expected digest of chunk `index` (a view); throws BlockMismatchError when the piece that holds it came back wrong. */
  async of (index: number, options: PieceOptions = {}): Promise<Uint8Array> {
    const { file } = locateChunk(this.manifest, index)
    const k = index - file.firstChunk
    if (file.pieces == null || file.pieces.byteLength === 0) return file.hashes.subarray(k * HASH_LENGTH, (k + 1) * HASH_LENGTH)
    const p = Math.floor(k / PIECE_HASHES)
    const piece = await this.piece(digestAt(file.pieces, p), Math.min(PIECE_HASHES, file.chunkCount - p * PIECE_HASHES) * HASH_LENGTH, options)
    const at = (k - p * PIECE_HASHES) * HASH_LENGTH
    return piece.subarray(at, at + HASH_LENGTH)
  }

  /** Whether `data` hashes to chunk `index`'s digest. */
  async matches (index: number, data: Uint8Array | Uint8ArrayList, options: PieceOptions = {}): Promise<boolean> {
    const expected = await this.of(index, options)
    const hash = createHash('sha256')
    if (data instanceof Uint8Array) hash.update(data)
    else for (const part of data) hash.update(part)
    return timingSafeEqual(hash.digest(), expected)
  }

  private async piece (digest: Uint8Array, length: number, options: PieceOptions): Promise<Uint8Array> {
    const key = Buffer.from(digest).toString('hex')
    const cached = this.cache.get(key)
    if (cached != null) {
      this.cache.delete(key)
      this.cache.set(key, cached)
      return cached
    }
    // Another chunk is loading this piece: wait for it; if that load failed (its peer sent a bad one), load it here.
    const pending = this.loading.get(key)
    if (pending != null) {
      const shared = await pending
      if (shared != null) return shared
      return await this.piece(digest, length, options)
    }
    const load = (async () => {
      const { bytes, from } = await this.loader.get(digest, options)
      if (bytes.byteLength !== length) throw new BlockMismatchError('a piece of chunk hashes', from)
      checkBlock(digest, bytes, 'a piece of chunk hashes', from)
      await this.loader.keep?.(digest, bytes)
      this.cache.set(key, bytes)
      while (this.cache.size > this.cachePieces) this.cache.delete(this.cache.keys().next().value as string)
      return bytes
    })()
    this.loading.set(key, load.catch(() => undefined))
    try {
      return await load
    } finally {
      this.loading.delete(key)
    }
  }
}
