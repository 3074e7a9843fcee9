/**
 * The files a headless host keeps in its profile directory so other
 * processes can find and talk to it: the API secret (created once, readable
 * only by the owner) and the daemon file (where the running daemon's API
 * listens, written atomically, removed on a clean stop).
 */
import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, rm } from 'node:fs/promises'
import { isFileExists, profilePath, writeFileAtomic } from '../core/index.js'
import type { DaemonInfo } from '../../shared/index.js'
import { InvalidSecretFileError } from './errors.js'

const SECRET_PATTERN = /^[0-9a-f]{64}$/

/** Path of the profile's API secret file. */
export function secretFilePath (profileDir: string): string {
  return profilePath(profileDir, 'secret')
}

/** Path of the profile's daemon file. */
export function daemonFilePath (profileDir: string): string {
  return profilePath(profileDir, 'daemon')
}

/** Reads the profile's API secret; null when there is none yet. Throws InvalidSecretFileError when the file is damaged. */
export async function readSecret (profileDir: string): Promise<string | null> {
  const file = secretFilePath(profileDir)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if (isNotFound(err)) return null
    throw err
  }
  const secret = text.trim()
  if (!SECRET_PATTERN.test(secret)) throw new InvalidSecretFileError(file)
  return secret
}

/**
 * Returns the profile's API secret, creating the profile directory and a new
 * secret (32 random bytes, hex, file mode 0600) on first use. Safe against
 * two processes creating it at once, and against a crash while writing it:
 * the file appears whole, and only if it was not there.
 */
export async function loadOrCreateSecret (profileDir: string): Promise<string> {
  await mkdir(profileDir, { recursive: true, mode: 0o700 })
  const existing = await readSecret(profileDir)
  if (existing != null) {
    await restrictMode(secretFilePath(profileDir))
    return existing
  }

  const secret = randomBytes(32).toString('hex')
  try {
    await writeFileAtomic(secretFilePath(profileDir), `${secret}\n`, { exclusive: true })
  } catch (err) {
    if (isFileExists(err)) {
      // Another process won the race; its secret is the one.
      const theirs = await readSecret(profileDir)
      if (theirs != null) return theirs
    }
    throw err
  }
  return secret
}

/** Reads the daemon file; null when absent or not a daemon file. */
export async function readDaemonInfo (profileDir: string): Promise<DaemonInfo | null> {
  let text: string
  try {
    text = await readFile(daemonFilePath(profileDir), 'utf8')
  } catch (err) {
    if (isNotFound(err)) return null
    throw err
  }
  try {
    const value: unknown = JSON.parse(text)
    return isDaemonInfo(value) ? value : null
  } catch {
    return null
  }
}

/** Writes the daemon file atomically, mode 0600. */
export async function writeDaemonInfo (profileDir: string, info: DaemonInfo): Promise<void> {
  await mkdir(profileDir, { recursive: true, mode: 0o700 })
  await writeFileAtomic(daemonFilePath(profileDir), `${JSON.stringify(info, null, 2)}\n`)
}

/**
 * Removes the daemon file. With `pid`, only when the file still names that
 * process, so a stopping or stale daemon never removes a newer one's file.
 */
export async function removeDaemonInfo (profileDir: string, options: { pid?: number } = {}): Promise<void> {
  if (options.pid != null) {
    const current = await readDaemonInfo(profileDir).catch(() => null)
    if (current != null && current.pid !== options.pid) return
  }
  await rm(daemonFilePath(profileDir), { force: true })
}

/** Whether a value has the shape of DaemonInfo. */
export function isDaemonInfo (value: unknown): value is DaemonInfo {
  if (value == null || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return Number.isSafeInteger(v.pid) && (v.pid as number) > 0 &&
    typeof v.peerId === 'string' &&
    Array.isArray(v.addrs) && v.addrs.every(a => typeof a === 'string') &&
    typeof v.api === 'string' && /^http:\/\/(127\.0\.0\.1|localhost):\d+\/?$/.test(v.api) &&
    (v.ui === undefined || typeof v.ui === 'boolean')
}

async function restrictMode (file: string): Promise<void> {
  if (process.platform === 'win32') return
  await chmod(file, 0o600).catch(() => {})
}

function isNotFound (err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'ENOENT'
}
