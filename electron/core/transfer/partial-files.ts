/**
 * Where a download's bytes live until they are complete: a hidden folder
 * `<download dir>/.peershare/<root>/` holding the share's files at full size.
 * Only verified chunks are written; when every chunk is in, the files move
 * under their real names in one step each, never replacing anything that
 * already exists (a free name like "file (1).txt" is picked instead).
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { DiskFullError, WriteFailedError } from '../errors.js'
import { locateChunk, type Manifest } from '../content/manifest.js'
import { resolveInside } from '../content/safe-path.js'
import { finalPathOf } from '../library/file-presence.js'
import type { Uint8ArrayList } from 'uint8arraylist'

export const PARTIAL_DIR_NAME = '.peershare'

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG'])

export interface PartialFilesInit {
  outDir: string
  root: string
  manifest: Manifest
  /** Paths of the files to make; default: every file of the manifest. */
  files?: readonly string[]
  /**
   * A folder an earlier download of the share made: the files join it there
   * (each under a free name if one of that name is in the way). Default: a
   * folder of its own, with a free name.
   */
  into?: string
}

export class PartialFiles {
  readonly outDir: string
  readonly dir: string
  private readonly manifest: Manifest
  private readonly files: ReadonlySet<string> | undefined
  private readonly into: string | undefined
  private readonly handles = new Map<string, Promise<fs.FileHandle>>()
  private readonly dirty = new Set<string>()

  constructor (init: PartialFilesInit) {
    this.outDir = path.resolve(init.outDir)
    this.dir = path.join(this.outDir, PARTIAL_DIR_NAME, init.root)
    this.manifest = init.manifest
    this.files = init.files == null ? undefined : new Set(init.files)
    this.into = init.into
  }

  /** The partial path of a file of the share; throws UnsafePathError for hostile names. */
  pathOf (filePath: string): string {
    return resolveInside(this.dir, filePath)
  }

  /** Creates the folder and the files at full (sparse) size; checks free space for what is missing. */
  async prepare (bytesMissing: number): Promise<void> {
    // Resolve every name first: a hostile manifest is refused before anything is created.
    const targets = this.manifest.files.filter(f => this.files?.has(f.path) ?? true).map(f => ({ file: f, abs: this.pathOf(f.path) }))
    // Each step waits on the file system's threads, so independent steps go together:
    // starting a download takes a few round trips there, not one per call.
    try {
      const hidden = path.join(this.outDir, PARTIAL_DIR_NAME)
      await fs.mkdir(hidden, { recursive: true })
      const [link, stat] = await Promise.all([fs.lstat(hidden), fs.statfs(this.outDir)])
      if (link.isSymbolicLink()) throw new Error(`${hidden} is a symbolic link; refusing to write through it`)
      const free = Number(stat.bavail) * Number(stat.bsize)
      if (free < bytesMissing) throw Object.assign(new Error(`needs ${bytesMissing} bytes, ${free} free`), { code: 'ENOSPC' })
      await fs.mkdir(this.dir, { recursive: true })
      const dirs = [...new Set(targets.map(t => path.dirname(t.abs)))].filter(d => d !== this.dir)
      await inBatches(dirs, async d => { await fs.mkdir(d, { recursive: true }) })
      await inBatches(targets, async ({ file, abs }) => {
        const fh = await fs.open(abs, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW, 0o644)
        this.handles.set(file.path, Promise.resolve(fh))
        // Setting the size it already has (a resumed download) changes nothing.
        await fh.truncate(file.size)
      })
    } catch (err) {
      throw this.translate(err)
    }
  }

  /** Writes a verified chunk at its place; pieces as received are written in one call, without joining them. */
  async write (index: number, data: Uint8Array | Uint8ArrayList): Promise<void> {
    const loc = locateChunk(this.manifest, index)
    try {
      const fh = await this.handle(loc.file.path)
      let parts = data instanceof Uint8Array ? [data] : [...data]
      let position = loc.offset
      while (parts.length > 0) {
        const { bytesWritten } = await fh.writev(parts, position)
        position += bytesWritten
        parts = skipBytes(parts, bytesWritten)
      }
      this.dirty.add(loc.file.path)
    } catch (err) {
      throw this.translate(err)
    }
  }

  /** Reads back a chunk's bytes (to re-check them after a restart). */
  async read (index: number): Promise<Uint8Array> {
    const loc = locateChunk(this.manifest, index)
    const buf = Buffer.allocUnsafe(loc.length)
    try {
      const { bytesRead } = await (await this.handle(loc.file.path)).read(buf, 0, loc.length, loc.offset)
      return buf.subarray(0, bytesRead)
    } catch (err) {
      throw this.translate(err)
    }
  }

  /** Flushes written data to disk, so progress recorded afterwards survives a crash. */
  async sync (): Promise<void> {
    const files = [...this.dirty]
    this.dirty.clear()
    try {
      await Promise.all(files.map(async f => (await this.handle(f)).datasync()))
    } catch (err) {
      throw this.translate(err)
    }
  }

  /** Moves the complete files under their real names; returns the final path of the share. */
  async finalize (): Promise<string> {
    await this.sync()
    await this.close()
    const name = this.manifest.name
    const single = this.manifest.files.length === 1 && this.manifest.files[0].path === name
    try {
      if (single) return await moveFileToFreeName(this.pathOf(name), this.outDir, name)
      if (this.into != null) return await this.joinFolder(this.into)
      const target = await claimFreeDir(this.outDir, name)
      const src = resolveInside(this.dir, name)
      for (const entry of await fs.readdir(src)) await fs.rename(path.join(src, entry), path.join(target, entry))
      return target
    } catch (err) {
      throw this.translate(err)
    } finally {
      await this.remove()
    }
  }

  /** Moves each file made here into an earlier download's folder, beside the files already there. */
  private async joinFolder (folder: string): Promise<string> {
    for (const f of this.manifest.files) {
      if (!(this.files?.has(f.path) ?? true)) continue
      const dest = finalPathOf(this.manifest, folder, f.path)
      await fs.mkdir(path.dirname(dest), { recursive: true })
      await moveFileToFreeName(this.pathOf(f.path), path.dirname(dest), path.basename(dest))
    }
    return folder
  }

  async close (): Promise<void> {
    const all = [...this.handles.values()]
    this.handles.clear()
    await Promise.all(all.map(async h => (await h.catch(() => undefined))?.close().catch(() => {})))
  }

  /** Deletes the partial data. */
  async remove (): Promise<void> {
    await this.close()
    await fs.rm(this.dir, { recursive: true, force: true })
    await fs.rmdir(path.join(this.outDir, PARTIAL_DIR_NAME)).catch(() => {})
  }

  private async handle (filePath: string): Promise<fs.FileHandle> {
    let h = this.handles.get(filePath)
    if (h == null) {
      h = fs.open(this.pathOf(filePath), fs.constants.O_RDWR | fs.constants.O_NOFOLLOW)
      this.handles.set(filePath, h)
      h.catch(() => this.handles.delete(filePath))
    }
    return h
  }

  private translate (err: unknown): Error {
    const code = (err as NodeJS.ErrnoException)?.code
    if (code != null && DISK_FULL_CODES.has(code)) return new DiskFullError(this.outDir, { cause: err })
    if ((err as { code?: string })?.code === 'unsafe-path') return err as Error
    return new WriteFailedError(this.outDir, err)
  }
}

/** Runs `fn` on every item, a few at a time, in order of the items. */
async function inBatches<T> (items: readonly T[], fn: (item: T) => Promise<void>, size = 8): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn))
}

/** What is left of `parts` after its first `n` bytes (after a short write). */
function skipBytes (parts: Uint8Array[], n: number): Uint8Array[] {
  let skip = n
  let i = 0
  while (i < parts.length && skip >= parts[i].byteLength) skip -= parts[i++].byteLength
  if (i === parts.length) return []
  return [parts[i].subarray(skip), ...parts.slice(i + 1)]
}

/** "name.ext" → "name (n).ext"; "name" → "name (n)". */
export function numberedName (name: string, n: number): string {
  if (n === 0) return name
  const ext = path.extname(name)
  const base = ext === '' || ext === name ? name : name.slice(0, -ext.length)
  return `${base} (${n})${ext === name ? '' : ext}`
}

const MAX_NAME_TRIES = 10_000

/** Hard-links `src` to the first free name (link never replaces), then drops `src`. */
async function moveFileToFreeName (src: string, dir: string, name: string): Promise<string> {
  for (let n = 0; n < MAX_NAME_TRIES; n++) {
    const dest = path.join(dir, numberedName(name, n))
    try {
      await fs.link(src, dest)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'EEXIST') continue
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw err
      // Filesystems without hard links: an exclusive copy is just as safe, only slower.
      try {
        await fs.copyFile(src, dest, fs.constants.COPYFILE_EXCL)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue
        throw e
      }
    }
    await fs.unlink(src)
    return dest
  }
  throw new Error(`no free name for ${name} in ${dir}`)
}

/** Creates the first free folder name (mkdir never replaces). */
async function claimFreeDir (dir: string, name: string): Promise<string> {
  for (let n = 0; n < MAX_NAME_TRIES; n++) {
    const dest = path.join(dir, numberedName(name, n))
    try {
      await fs.mkdir(dest)
      return dest
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
  throw new Error(`no free name for ${name} in ${dir}`)
}
