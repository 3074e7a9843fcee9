/**
 * The profile's embedded, crash-safe store (LevelDB via classic-level): share
 * records, manifests, transfers and their verified-chunk bitfields. LevelDB's
 * lock also guarantees one process per profile.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { ClassicLevel } from 'classic-level'
import { PeerShareError } from '../errors.js'
import type { Startable } from '@libp2p/interface'

/** Another process holds the profile. */
export class ProfileInUseError extends PeerShareError {
  constructor (dir: string) {
    super('bad-request', `The profile ${dir} is in use by another PeerShare process. Stop it, or use a different --profile.`)
    this.name = 'ProfileInUseError'
  }
}

/** The store cannot be read or written; says whether its folder is gone, which is what usually happened. */
export class StoreFailedError extends PeerShareError {
  constructor (dir: string, cause: unknown) {
    const why = (cause as Error)?.message ?? String(cause)
    const profile = path.dirname(dir)
    super('write-failed', existsSync(dir)
      ? `The profile's store in ${profile} cannot be read or written (${why}). Check the disk holding it is writable and has space, then restart PeerShare.`
      : `The profile folder ${profile} (or its store) was deleted or moved while PeerShare was running, so nothing can be saved (${why}). Stop PeerShare and start it again: a missing profile is made anew, without the old shares and downloads.`, { cause })
    this.name = 'StoreFailedError'
  }
}

export interface StoreInit {
  /** Directory of the LevelDB files. */
  path: string
  /** Open only an existing store, never create one (reading a profile no node runs for). Default false. */
  existingOnly?: boolean
}

export class Store implements Startable {
  private readonly path: string
  private readonly existingOnly: boolean
  private db?: ClassicLevel<string, Uint8Array>

  constructor (init: StoreInit) {
    this.path = init.path
    this.existingOnly = init.existingOnly ?? false
  }

  async start (): Promise<void> {
    if (this.db != null) return
    const db = new ClassicLevel<string, Uint8Array>(this.path, { keyEncoding: 'utf8', valueEncoding: 'view' })
    try {
      await db.open({ createIfMissing: !this.existingOnly })
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause
      if (cause?.code === 'LEVEL_LOCKED') throw new ProfileInUseError(this.path)
      throw err
    }
    this.db = db
  }

  async stop (): Promise<void> {
    const db = this.db
    this.db = undefined
    await db?.close()
  }

  private get open (): ClassicLevel<string, Uint8Array> {
    if (this.db == null) throw new Error('store is not started')
    return this.db
  }

  /** Runs one operation on the database; its failure says what happened (StoreFailedError). */
  private async run<T> (op: (db: ClassicLevel<string, Uint8Array>) => Promise<T>): Promise<T> {
    const db = this.open
    try {
      return await op(db)
    } catch (err) {
      throw new StoreFailedError(this.path, err)
    }
  }

  async getBytes (key: string): Promise<Uint8Array | undefined> {
    return this.run(async db => db.get(key))
  }

  async putBytes (key: string, value: Uint8Array): Promise<void> {
    await this.run(async db => { await db.put(key, value) })
  }

  async putJson (key: string, value: unknown): Promise<void> {
    await this.putBytes(key, Buffer.from(JSON.stringify(value)))
  }

  async del (...keys: string[]): Promise<void> {
    await this.run(async db => { await db.batch(keys.map(key => ({ type: 'del' as const, key }))) })
  }

  /** Every JSON value whose key starts with `prefix`. */
  async listJson<T> (prefix: string): Promise<T[]> {
    return this.run(async db => {
      const out: T[] = []
      for await (const v of db.values({ gte: prefix, lt: `${prefix}\xff` })) {
        out.push(JSON.parse(Buffer.from(v).toString('utf8')) as T)
      }
      return out
    })
  }
}
