/**
 * The blocks of version-2 manifests in the profile's store: listing pages
 * and pieces of chunk hashes, kept per root (`block/<root>/<digest>`), so a
 * share and a download in progress can serve them to others and a restart
 * finds them without fetching again. A share being hashed writes its blocks
 * under its job (`staging/<job>/`) until its root is known; they move under
 * the root in one step when it is registered, and are dropped if it is
 * cancelled, so nothing half-made is ever served. Also reads a stored
 * manifest of either version back.
 */
import { assembleManifest, decodeRootBlock } from '../content/paged-manifest.js'
import { ManifestInvalidError } from '../errors.js'
import { storeKeys, storePrefixes } from './store-keys.js'
import type { Manifest } from '../content/manifest.js'
import type { Store } from './store.js'

/** The blocks of one root. */
export interface RootBlocks {
  get(digest: Uint8Array): Promise<Uint8Array | undefined>
  put(digest: Uint8Array, bytes: Uint8Array): Promise<void>
}

export interface BlockStoreComponents {
  store: Pick<Store, 'getBytes' | 'putBytes' | 'putMany' | 'delPrefix' | 'entries'>
}

/** Who a block read from the store came from, for an error if it does not match. */
export const FROM_STORE = "the profile's store"

const hex = (digest: Uint8Array): string => Buffer.from(digest).toString('hex')

export class BlockStore {
  private readonly store: BlockStoreComponents['store']

  constructor (components: BlockStoreComponents) {
    this.store = components.store
  }

  forRoot (root: string): RootBlocks {
    return {
      get: async digest => await this.store.getBytes(storeKeys.block(root, hex(digest))),
      put: async (digest, bytes) => { await this.store.putBytes(storeKeys.block(root, hex(digest)), bytes) }
    }
  }

  /** Where a job's blocks wait until its root is known. */
  staging (job: string): { put(digest: Uint8Array, bytes: Uint8Array): Promise<void> } {
    return { put: async (digest, bytes) => { await this.store.putBytes(`${storeKeys.stagingOf(job)}${hex(digest)}`, bytes) } }
  }

  /** Moves a job's blocks under `root`, a batch at a time, then drops the staging copies. */
  async commit (job: string, root: string): Promise<void> {
    const prefix = storeKeys.stagingOf(job)
    for await (const rows of this.store.entries(prefix)) {
      await this.store.putMany(rows.map(([key, value]) => [storeKeys.block(root, key.slice(prefix.length)), value] as const))
    }
    await this.discard(job)
  }

  /** Drops a job's blocks (cancelled, failed). */
  async discard (job: string): Promise<void> {
    await this.store.delPrefix(storeKeys.stagingOf(job))
  }

  /** Drops every job's blocks: at start, what a stopped process left is of no use. */
  async discardAllStaging (): Promise<void> {
    await this.store.delPrefix(storePrefixes.staging)
  }

  async removeRoot (root: string): Promise<void> {
    await this.store.delPrefix(storeKeys.blocksOf(root))
  }

  /**
   * The manifest whose root block is `rootBytes`, with its listing pages
   * read from the store and checked; throws ManifestInvalidError when a page
   * is missing.
   */
  async readManifest (root: string, rootBytes: Uint8Array): Promise<Manifest> {
    const block = decodeRootBlock(rootBytes)
    if (block.version === 1) return block.manifest
    const blocks = this.forRoot(root)
    const { manifest } = await assembleManifest(block.root, async (digest, i) => {
      const bytes = await blocks.get(digest)
      if (bytes == null) throw new ManifestInvalidError(`page ${i + 1} of its listing is missing from the profile's store.`)
      return { bytes, from: FROM_STORE }
    })
    return manifest
  }
}
