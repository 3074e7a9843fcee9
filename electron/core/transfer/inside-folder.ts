/**
 * Making, checking and opening paths below a folder without ever following
 * a symbolic link someone planted there. The download folder may be shared
 * or temporary, so anyone who can write it could replace a folder PeerShare
 * uses with a link to somewhere else; every name below the base is made and
 * checked one at a time, files are opened without following a final link,
 * and each opened file is checked to be where it should be before a byte
 * of it changes. The base itself is the person's choice and is trusted.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { PeerShareError } from '../errors.js'

/** A name below the download folder is a symbolic link or not a folder; nothing was written through it. */
export class LinkedPathError extends PeerShareError {
  constructor (where: string) {
    super('unsafe-path', `${where} is a symbolic link or not a folder, inside the download folder; PeerShare never writes through one, so nothing was written there. Remove it (someone else may have put it there), then resume.`)
    this.name = 'LinkedPathError'
  }
}

/** The names from `base` down to `target`; throws if `target` is not below `base`. */
function namesBelow (base: string, target: string): string[] {
  const rel = path.relative(base, target)
  if (rel === '') return []
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new LinkedPathError(target)
  return rel.split(path.sep)
}

/** Walks made again when a folder vanished under one: another download that finished removed the shared partial folder. */
const MAKE_DIRS_TRIES = 5

/**
 * Makes every folder from `base` down to `target` one name at a time; each
 * must be a real folder, not a link. Two downloads into one folder share
 * its partial folder, and the one that finishes deletes it when empty: a
 * folder that vanishes between being made and being checked is made again.
 */
export async function makeDirsInside (base: string, target: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await makeDirsOnce(base, target)
      return
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= MAKE_DIRS_TRIES) throw err
    }
  }
}

async function makeDirsOnce (base: string, target: string): Promise<void> {
  let current = base
  for (const name of namesBelow(base, target)) {
    current = path.join(current, name)
    try {
      await fs.mkdir(current)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const st = await fs.lstat(current)
    if (st.isSymbolicLink() || !st.isDirectory()) throw new LinkedPathError(current)
  }
}

/** Checks that no name from `base` down to `target` is a link, and that all but the last are folders. */
export async function checkNoLinks (base: string, target: string): Promise<void> {
  const names = namesBelow(base, target)
  let current = base
  for (let i = 0; i < names.length; i++) {
    current = path.join(current, names[i])
    const st = await fs.lstat(current)
    if (st.isSymbolicLink() || (i < names.length - 1 && !st.isDirectory())) throw new LinkedPathError(current)
  }
}

/**
 * Opens a file below `base` with `flags`, never through a link: its folders
 * are checked first, the last name is opened with O_NOFOLLOW, and the open
 * file's real path must be the one expected (a folder swapped for a link in
 * between is caught before anything is written).
 */
export async function openInside (base: string, file: string, flags: number): Promise<fs.FileHandle> {
  await checkNoLinks(base, path.dirname(file))
  const fh = await fs.open(file, flags | fs.constants.O_NOFOLLOW, 0o644)
  try {
    const [real, realBase] = await Promise.all([fs.realpath(file), fs.realpath(base)])
    if (real !== path.join(realBase, path.relative(base, file))) throw new LinkedPathError(path.dirname(file))
    return fh
  } catch (err) {
    await fh.close().catch(() => {})
    throw err
  }
}
