/**
 * A download's progress, kept so that a restart resumes without fetching a
 * verified chunk twice. Two bitfields: `written` (verified, written, its bit
 * being saved) and `verified` (its bit is in the store: what the view counts
 * and peers are offered). Saves are batched but never let the store lag the
 * view; written data is fsynced now and then, and because a power cut can
 * still lose data whose bit was saved, the chunks the store claims are
 * re-hashed after a restart before they are trusted.
 */
import { chunkMatches } from '../library/chunk-source.js'
import { storeKeys } from '../library/store-keys.js'
import { PeerShareError } from '../errors.js'
import { log } from '../logger.js'
import { Bitfield } from '../util/bitfield.js'
import type { Manifest } from '../content/manifest.js'
import type { Store } from '../library/store.js'
import type { PartialFiles } from './partial-files.js'

const logger = log('transfer')

/** The profile's store refused a write of a download's state; the download pauses and keeps what it has. */
export class ProgressSaveError extends PeerShareError {
  constructor (cause: unknown) {
    super('write-failed', `Could not save the download's progress in the profile's store: ${(cause as Error)?.message ?? String(cause)}. Check that the disk holding the profile has space and is writable, then resume; verified chunks are kept.`, { cause })
    this.name = 'ProgressSaveError'
  }
}

/** Runs a store write; its failure becomes a ProgressSaveError. */
export async function saving (write: () => Promise<void>): Promise<void> {
  try {
    await write()
  } catch (err) {
    throw err instanceof ProgressSaveError ? err : new ProgressSaveError(err)
  }
}

export interface ProgressLogComponents {
  store: Pick<Store, 'getBytes' | 'putBytes' | 'del'>
  /** Where the chunks are written: synced before progress is trusted, read back for the re-check. */
  partial: Pick<PartialFiles, 'sync' | 'read'>
}

export interface ProgressLogInit {
  root: string
  manifest: Manifest
  /** Verified bits as the store held them after a restart; they are re-checked before being trusted. Default: none verified. */
  stored?: Uint8Array
  /** Whether `stored` is re-checked; false for bits this process verified itself. Default true. */
  recheck?: boolean
}

export class ProgressLog {
  /** Chunks whose bit is in the store. */
  readonly verified: Bitfield
  private readonly components: ProgressLogComponents
  private readonly root: string
  private readonly manifest: Manifest
  private written: Bitfield
  private recheckDue: boolean
  /** A save not yet started; chunks written meanwhile wait for it. */
  private queuedSave?: Promise<void>
  private chain: Promise<void> = Promise.resolve()
  /** Written data not yet fsynced. */
  private dataDirty = false

  constructor (components: ProgressLogComponents, init: ProgressLogInit) {
    this.components = components
    this.root = init.root
    this.manifest = init.manifest
    this.verified = new Bitfield(init.manifest.chunkCount, init.stored)
    this.written = new Bitfield(init.manifest.chunkCount, init.stored)
    this.recheckDue = init.stored != null && (init.recheck ?? true)
  }

  /** The bits the store holds for a root, if any. */
  static async stored (store: Pick<Store, 'getBytes'>, root: string): Promise<Uint8Array | undefined> {
    return store.getBytes(storeKeys.bits(root))
  }

  /** Starts a run: after a restart re-checks what the store claims; returns the chunks verified now. */
  async begin (signal: AbortSignal): Promise<number> {
    if (this.recheckDue) await this.recheck(signal)
    this.written = new Bitfield(this.manifest.chunkCount, this.verified.toBytes())
    return this.verified.count()
  }

  /**
   * Records a written, verified chunk in the store, then counts it as done.
   * Saves run one at a time and each saves every chunk written before it
   * started, so chunks written while one runs share the next one, and the
   * store never lags the view: a killed process loses no verified chunk.
   * Throws ProgressSaveError when the store refuses.
   */
  async record (index: number): Promise<void> {
    this.dataDirty = true
    this.written.set(index)
    if (this.queuedSave == null) {
      const save = this.chain.then(async () => {
        this.queuedSave = undefined
        await saving(async () => { await this.components.store.putBytes(storeKeys.bits(this.root), this.written.toBytes()) })
      })
      this.queuedSave = save
      this.chain = save.catch(() => {})
    }
    await this.queuedSave
    this.verified.set(index)
  }

  /** Makes written data durable (a power cut, unlike a killed process, can lose unsynced writes). */
  async flush (): Promise<void> {
    if (!this.dataDirty) return
    this.dataDirty = false
    await this.components.partial.sync()
    await this.chain
  }

  /** Forgets the progress in the store (the download is complete). */
  async clear (): Promise<void> {
    await saving(async () => { await this.components.store.del(storeKeys.bits(this.root)) })
  }

  /**
   * Re-hashes the chunks the store says are done; one that no longer matches
   * (its data was lost in a power cut, or the partial file was touched) is
   * fetched again.
   */
  private async recheck (signal: AbortSignal): Promise<void> {
    let dropped = 0
    for (let i = 0; i < this.manifest.chunkCount; i++) {
      signal.throwIfAborted()
      if (!this.verified.get(i)) continue
      if (!chunkMatches(this.manifest, i, await this.components.partial.read(i))) {
        this.verified.clear(i)
        dropped++
      }
    }
    this.recheckDue = false
    if (dropped > 0) {
      logger('%s: %d chunks on disk no longer matched after the restart; fetching them again', this.root, dropped)
      await saving(async () => { await this.components.store.putBytes(storeKeys.bits(this.root), this.verified.toBytes()) })
    }
  }
}
