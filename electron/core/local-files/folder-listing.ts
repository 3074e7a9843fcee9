/**
 * The node's file chooser: one folder of this machine, listed for a person
 * picking what to share or completing a path as they type it. The listing
 * is bounded (a folder of a million files still answers quickly), folders
 * come first, and names starting with a dot stay out of the way unless the
 * person types the dot.
 */
import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PeerShareError } from '../errors.js'
import { resolveUserPath } from './user-path.js'
import type { FolderEntryView, FolderListingView } from '../../../shared/index.js'

/** Entries listed at most; the listing says when more matched. */
export const MAX_LISTED = 500

/** The folder to list is not there (or is not a folder). */
export class FolderNotFoundError extends PeerShareError {
  constructor (folder: string) {
    super('path-not-found', `There is no folder ${folder} on the computer PeerShare runs on.`)
    this.name = 'FolderNotFoundError'
  }
}

/** The folder exists but may not be read. */
export class FolderUnreadableError extends PeerShareError {
  constructor (folder: string, cause: unknown) {
    super('path-not-found', `PeerShare may not read the folder ${folder} (${(cause as NodeJS.ErrnoException)?.code ?? 'unreadable'}).`, { cause })
    this.name = 'FolderUnreadableError'
  }
}

export interface FolderListingOptions {
  /** What `~` stands for; default the home folder of the user the node runs as. */
  readonly home?: string
  /** Entries listed at most; default MAX_LISTED. */
  readonly limit?: number
}

/**
 * Lists what `input` names: a folder ('' and `~` are the home folder), or,
 * for a path that is not a folder (a name being typed), its parent narrowed
 * to the names starting with its last part.
 */
export async function listFolder (input: string, options: FolderListingOptions = {}): Promise<FolderListingView> {
  const home = path.resolve(options.home ?? os.homedir())
  const text = input.trim()
  const target = text === '' ? home : resolveUserPath(text, home)
  const namesFolder = text === '' || /[\\/]$/.test(text) || await isFolder(target)
  const folder = namesFolder ? target : path.dirname(target)
  const filter = namesFolder ? '' : path.basename(target)

  let dirents: Dirent[]
  try {
    dirents = await readdir(folder, { withFileTypes: true })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FolderNotFoundError(folder)
    throw new FolderUnreadableError(folder, err)
  }

  const wanted = filter.toLowerCase()
  const showHidden = filter.startsWith('.')
  const matching = dirents.filter(d => (showHidden || !d.name.startsWith('.')) && d.name.toLowerCase().startsWith(wanted))
  const classified = await Promise.all(matching.map(async d => await classify(folder, d)))
  const entries = classified.filter(e => e != null).sort(byKindThenName)
  const limit = options.limit ?? MAX_LISTED
  const listed = await Promise.all(entries.slice(0, limit).map(async e => e.kind === 'file' ? { ...e, size: await sizeOf(e.path) } : e))
  const parent = path.dirname(folder)
  return {
    folder,
    parent: parent === folder ? null : parent,
    home,
    separator: path.sep,
    filter,
    entries: listed,
    truncated: entries.length > limit
  }
}

async function isFolder (target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory()
  } catch {
    return false
  }
}

/** A file or a folder (a link counts as what it points to); null for anything else, or a broken link. */
async function classify (folder: string, d: Dirent): Promise<FolderEntryView | null> {
  const full = path.join(folder, d.name)
  let kind: FolderEntryView['kind'] | null = d.isDirectory() ? 'folder' : d.isFile() ? 'file' : null
  if (d.isSymbolicLink()) {
    try {
      const info = await stat(full)
      kind = info.isDirectory() ? 'folder' : info.isFile() ? 'file' : null
    } catch {
      kind = null
    }
  }
  return kind == null ? null : { name: d.name, path: full, kind, size: null }
}

async function sizeOf (file: string): Promise<number | null> {
  try {
    return (await stat(file)).size
  } catch {
    return null
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

function byKindThenName (a: FolderEntryView, b: FolderEntryView): number {
  if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1
  return collator.compare(a.name, b.name)
}
