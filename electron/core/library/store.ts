/**
 * The profile's embedded, crash-safe store (LevelDB via classic-level): share
 * records, manifests, transfers and their verified-chunk bitfields. LevelDB's
 * lock also guarantees one process per profile.
 */
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

  async getBytes (key: string): Promise<Uint8Array | undefined> {
    return this.open.get(key)
  }

  async putBytes (key: string, value: Uint8Array): Promise<void> {
    await this.open.put(key, value)
  }

  async getJson<T> (key: string): Promise<T | undefined> {
    const v = await this.open.get(key)
    return v == null ? undefined : JSON.parse(Buffer.from(v).toString('utf8')) as T
  }

  async putJson (key: string, value: unknown): Promise<void> {
    await this.open.put(key, Buffer.from(JSON.stringify(value)))
  }

  async del (...keys: string[]): Promise<void> {
    await this.open.batch(keys.map(key => ({ type: 'del' as const, key })))
  }

  /** Every JSON value whose key starts with `prefix`. */
  async listJson<T> (prefix: string): Promise<T[]> {
    const out: T[] = []
    for await (const v of this.open.values({ gte: prefix, lt: `${prefix}\xff` })) {
      out.push(JSON.parse(Buffer.from(v).toString('utf8')) as T)
    }
    return out
  }
}
