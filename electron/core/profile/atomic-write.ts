/**
 * The one way PeerShare writes a small file it cannot afford to lose or
 * half-write (the peer key, settings.json, the API secret, daemon.json):
 * write a temporary file beside it, fsync it, move it into place, fsync the
 * folder. A crash at any moment leaves the old content or the new, never a
 * mix or an empty file.
 */
import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { copyFile, link, open, rename, rm } from 'node:fs/promises'
import path from 'node:path'

export interface WriteFileAtomicOptions {
  /** Mode of a new file; default 0o600: profile files are their owner's alone. */
  mode?: number
  /**
   * Create only: fail with EEXIST instead of replacing a file that is already
   * there, so two processes creating the same file at once agree on one.
   */
  exclusive?: boolean
}

/** Errors of a file system that has no hard links (FAT, some network shares). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'])

/** Writes `data` to `file` atomically and durably (see the header). */
export async function writeFileAtomic (file: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o600)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (options.exclusive === true) await placeExclusive(temp, file)
    else await rename(temp, file)
  } finally {
    // After a rename there is nothing left to remove; after a failure or a link, the temporary file goes.
    await rm(temp, { force: true })
  }
  await syncDirectory(path.dirname(file))
}

/** Whether an error says the file was already there (an exclusive write lost a race, or came second). */
export function isFileExists (err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'EEXIST'
}

/** A hard link appears whole or not at all, and fails with EEXIST when the name is taken. */
async function placeExclusive (temp: string, file: string): Promise<void> {
  try {
    await link(temp, file)
  } catch (err) {
    if (!NO_LINKS.has((err as NodeJS.ErrnoException).code ?? '')) throw err
    // Without hard links, an exclusive copy still refuses a taken name; it is only not atomic against a crash.
    await copyFile(temp, file, constants.COPYFILE_EXCL)
    const handle = await open(file, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  }
}

/** Makes the rename itself durable. Best effort: some systems (Windows) cannot open a folder to fsync it. */
async function syncDirectory (dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch {
    // The file's own content is already on disk; only the name's durability is left to the system.
  } finally {
    await handle?.close()
  }
}
