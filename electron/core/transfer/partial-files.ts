/**
 * Where a download's bytes live until they are complete: a hidden folder
 * `<download dir>/.peershare/<root>.<owner>/` holding the share's files at
 * full size, owned by one profile, so two profiles downloading into one
 * folder never touch each other's data. Only verified chunks are written;
 * when every chunk is in, the files move under their real names in one step
 * each, never replacing anything that already exists (a free name like
 * "file (1).txt" is picked instead). Anyone who can write the download
 * folder could plant a symbolic link in it, so every folder below it is
 * made and checked one name at a time, and every file is checked to be
 * where it should be before it is written, moved or deleted: nothing
 * outside the download folder is ever touched. If finishing fails, the
 * verified data stays for the next try.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { DiskFullError, WriteFailedError } from '../errors.js'
import { locateChunk, type Manifest } from '../content/manifest.js'
import { resolveInside } from '../content/safe-path.js'
import { log } from '../logger.js'
import { LinkedPathError, checkNoLinks, makeDirsInside, openInside } from './inside-folder.js'
import { finalPathOf } from '../library/file-presence.js'
import type { Uint8ArrayList } from 'uint8arraylist'

export const PARTIAL_DIR_NAME = '.peershare'

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG'])

const logger = log('transfer')

export interface PartialFilesInit {
  outDir: string
  root: string
  manifest: Manifest
  /** Paths of the files to make; default: every file of the manifest. */
  files?: readonly string[]
  /** Tells this profile's partial data from another's in the same folder; default none (the folder is `<root>`). */
  owner?: string
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
    this.dir = path.join(this.outDir, PARTIAL_DIR_NAME, init.owner == null ? init.root : `${init.root}.${init.owner}`)
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
      // The download folder itself is the person's choice, made as asked; below it, one checked name at a time.
      await fs.mkdir(this.outDir, { recursive: true })
      await makeDirsInside(this.outDir, this.dir)
      const stat = await fs.statfs(this.outDir)
      const free = Number(stat.bavail) * Number(stat.bsize)
      if (free < bytesMissing) throw Object.assign(new Error(`needs ${bytesMissing} bytes, ${free} free`), { code: 'ENOSPC' })
      const dirs = [...new Set(targets.map(t => path.dirname(t.abs)))].filter(d => d !== this.dir)
      await inBatches(dirs, async d => { await makeDirsInside(this.dir, d) })
      await inBatches(targets, async ({ file, abs }) => {
        const fh = await openInside(this.outDir, abs, fs.constants.O_RDWR | fs.constants.O_CREAT)
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

  /**
   * Moves the complete files under their real names; returns the final path
   * of the share. The partial data is deleted only once that succeeded: if
   * it fails, everything verified stays for the next try, and the error is
   * the move's own.
   */
  async finalize (): Promise<string> {
    await this.sync()
    await this.close()
    const name = this.manifest.name
    const single = this.manifest.files.length === 1 && this.manifest.files[0].path === name
    let finalPath: string
    try {
      const src = this.pathOf(name)
      await checkNoLinks(this.outDir, src)
      if (single) {
        finalPath = await moveFileToFreeName(src, this.outDir, name)
      } else if (this.into != null) {
        finalPath = await this.joinFolder(this.into)
      } else {
        finalPath = await claimFreeDir(this.outDir, name)
        for (const entry of await fs.readdir(src)) await fs.rename(path.join(src, entry), path.join(finalPath, entry))
      }
    } catch (err) {
      throw this.translate(err)
    }
    // The files are in place: a partial folder that cannot be deleted now is only clutter.
    await this.remove().catch(err => { logger.error('could not delete %s: %s', this.dir, (err as Error).message) })
    return finalPath
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

  /** Deletes the partial data (never through a link planted in the download folder). */
  async remove (): Promise<void> {
    await this.close()
    try {
      await checkNoLinks(this.outDir, this.dir)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
      throw err
    }
    await fs.rm(this.dir, { recursive: true, force: true })
    // Another profile's partial data may still be there; then the folder stays.
    await fs.rmdir(path.join(this.outDir, PARTIAL_DIR_NAME)).catch(() => {})
  }

  private async handle (filePath: string): Promise<fs.FileHandle> {
    let h = this.handles.get(filePath)
    if (h == null) {
      h = openInside(this.outDir, this.pathOf(filePath), fs.constants.O_RDWR)
      this.handles.set(filePath, h)
      h.catch(() => this.handles.delete(filePath))
    }
    return h
  }

  private translate (err: unknown): Error {
    const code = (err as NodeJS.ErrnoException)?.code
    if (code != null && DISK_FULL_CODES.has(code)) return new DiskFullError(this.outDir, { cause: err })
    if ((err as { code?: string })?.code === 'unsafe-path' || err instanceof LinkedPathError) return err as Error
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
    // The file is in place under its name; a partial link left behind is deleted with the partial folder.
    await fs.unlink(src).catch(() => {})
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
