/**
 * A bounded pool of open file handles, shared by everything in one engine
 * that reads or writes a share's files: serving chunks, writing a download,
 * re-checking it after a restart. A folder of 100,000 files is served and
 * downloaded with at most `maxOpen` descriptors held between operations, so
 * it works under a descriptor limit of 256 (macOS's default) as well as
 * under Linux's 1,024. Handles are opened on first use and the least
 * recently used idle one is closed to make room; a handle in use is never
 * closed under its user. A handle can carry a step to run before it closes
 * (a download's written data is made durable before its descriptor goes).
 * A general-purpose LRU cache does not fit: eviction here is asynchronous
 * and must skip the handles an operation holds.
 */
import { OPEN_FILES_MAX } from '../defaults.js'
import type { FileHandle } from 'node:fs/promises'

export interface FilePoolInit {
  /** Most idle handles kept open; default OPEN_FILES_MAX. Handles in use count too, but are never closed under their user. */
  maxOpen?: number
}

interface Entry {
  readonly key: string
  readonly owner: string
  readonly handle: Promise<FileHandle>
  users: number
  /** Runs before the handle is closed (eviction or close), e.g. an fsync of written data. */
  beforeClose?: (fh: FileHandle) => Promise<void>
}

export class FilePool {
  private readonly maxOpen: number
  /** Insertion order is recency: a used entry is moved to the end. */
  private readonly entries = new Map<string, Entry>()
  /** Handles being closed: a new open of the same file waits for its close first. */
  private readonly closing = new Map<string, Promise<void>>()

  constructor (init: FilePoolInit = {}) {
    this.maxOpen = init.maxOpen ?? OPEN_FILES_MAX
  }

  /** Open handles now (in use or idle). */
  get size (): number {
    return this.entries.size
  }

  /**
   * Runs `fn` with the handle of `path` opened for `owner` (opened with
   * `open` when not already open). `beforeClose`, when given, replaces the
   * step run before this handle is closed.
   */
  async use<T> (owner: string, path: string, open: () => Promise<FileHandle>, fn: (fh: FileHandle) => Promise<T>, beforeClose?: (fh: FileHandle) => Promise<void>): Promise<T> {
    const key = `${owner}\u0000${path}`
    let entry = this.entries.get(key)
    if (entry == null) {
      const closing = this.closing.get(key)
      const handle = (async () => {
        await closing
        return await open()
      })()
      entry = { key, owner, handle, users: 0 }
      this.entries.set(key, entry)
      handle.catch(() => { if (this.entries.get(key) === entry) this.entries.delete(key) })
      this.evict()
    } else {
      // Most recently used goes last.
      this.entries.delete(key)
      this.entries.set(key, entry)
    }
    if (beforeClose != null) entry.beforeClose = beforeClose
    entry.users++
    try {
      return await fn(await entry.handle)
    } finally {
      entry.users--
      if (entry.users === 0 && this.entries.size > this.maxOpen) this.evict()
    }
  }

  /** Closes every handle of `owner` (running each one's step before closing); the first failure of a step is thrown. */
  async closeOwner (owner: string): Promise<void> {
    const mine = [...this.entries.values()].filter(e => e.owner === owner)
    for (const e of mine) this.entries.delete(e.key)
    // Handles of this owner evicted a moment ago may still be closing: their steps count too.
    const evicted = [...this.closing].filter(([key]) => key.startsWith(`${owner}\u0000`)).map(([, done]) => done)
    const results = await Promise.allSettled([...mine.map(async e => { await this.closeEntry(e) }), ...evicted])
    const failed = results.find(r => r.status === 'rejected')
    if (failed != null) throw (failed as PromiseRejectedResult).reason
  }

  /** Runs `fn` on the open handle of `path` for `owner`, if it is open now; the handle stays open. */
  async ifOpen (owner: string, path: string, fn: (fh: FileHandle) => Promise<void>): Promise<void> {
    const entry = this.entries.get(`${owner}\u0000${path}`)
    if (entry == null) return
    entry.users++
    try {
      await fn(await entry.handle)
    } finally {
      entry.users--
    }
  }

  /** Closes idle handles, least recently used first, until at most maxOpen are open. */
  private evict (): void {
    if (this.entries.size <= this.maxOpen) return
    for (const e of this.entries.values()) {
      if (this.entries.size <= this.maxOpen) break
      if (e.users > 0) continue
      this.entries.delete(e.key)
      const done = this.closeEntry(e).catch(() => {}).finally(() => {
        if (this.closing.get(e.key) === done) this.closing.delete(e.key)
      })
      this.closing.set(e.key, done)
    }
  }

  private async closeEntry (e: Entry): Promise<void> {
    const fh = await e.handle.catch(() => undefined)
    if (fh == null) return
    try {
      await e.beforeClose?.(fh)
    } finally {
      await fh.close().catch(() => {})
    }
  }
}
