/**
 * The layout of a profile directory, in one place: every file and folder
 * PeerShare keeps there, whoever writes it (the engine, the headless host,
 * the desktop app). A profile is all an instance's state, so instances with
 * different profiles share nothing.
 */
import { mkdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { PeerShareError } from '../errors.js'

/** Every entry of a profile directory, by what it holds. */
export const PROFILE_FILES = {
  /** The node's private key (libp2p protobuf), so its PeerId survives restarts. */
  key: 'peer-key',
  /** The settings a person saved, and only those (JSON; see config/settings-file.ts). */
  settings: 'settings.json',
  /** The library and the transfers' progress (LevelDB; its lock keeps a second engine out). */
  store: 'store',
  /** The loopback API's secret (64 hex characters, owner-only). */
  secret: 'api-secret',
  /** Where the running headless host's API listens (DaemonInfo); removed on a clean stop. */
  daemon: 'daemon.json',
  /** The port the loopback API last listened on, tried first at the next start so an open UI tab finds its node again. */
  apiPort: 'api-port',
  /** The desktop app's own Electron data: caches and its single-instance lock. */
  electron: 'electron'
} as const

export type ProfileEntry = keyof typeof PROFILE_FILES

/** The absolute path of one entry of a profile. */
export function profilePath (profileDir: string, entry: ProfileEntry): string {
  return path.join(path.resolve(profileDir), PROFILE_FILES[entry])
}

/** The profile path names a file (or lies below one): it cannot hold a profile. */
export class ProfileNotFolderError extends PeerShareError {
  constructor (dir: string) {
    super('bad-request', `The profile ${dir} is a file, not a folder. A profile is a folder PeerShare keeps its state in: give --profile a folder (a new one is created), or move the file away.`)
    this.name = 'ProfileNotFolderError'
  }
}

/** No profile exists at the path yet (nothing has run with it). */
export class ProfileNotFoundError extends PeerShareError {
  constructor (dir: string) {
    super('not-found', `There is no profile at ${dir} yet: nothing has run with it. Start a node with \`peershare daemon --profile ${dir}\`, or check the path.`)
    this.name = 'ProfileNotFoundError'
  }
}

/**
 * Whether a profile folder exists at `dir`: true when it does, false when
 * nothing is there yet. Throws ProfileNotFolderError when the path (or a
 * folder above it) is a file.
 */
export async function profileExists (dir: string): Promise<boolean> {
  const abs = path.resolve(dir)
  try {
    if ((await stat(abs)).isDirectory()) return true
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return false
    if (code !== 'ENOTDIR') throw err
  }
  throw new ProfileNotFolderError(abs)
}

/** Creates the profile directory (private to the user) if missing; returns its absolute path. */
export async function ensureProfileDir (dir: string): Promise<string> {
  const abs = path.resolve(dir)
  if (!await profileExists(abs)) await mkdir(abs, { recursive: true, mode: 0o700 })
  return abs
}
