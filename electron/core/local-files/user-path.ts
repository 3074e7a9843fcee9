/**
 * Paths a person types (in the browser UI, over the API): `~` stands for
 * their home folder, as in a shell, and a relative path is refused. The
 * node runs elsewhere than the person's shell, from a folder they never
 * chose, so resolving a relative path against it would quietly pick the
 * wrong file (`~/Downloads` used to become `<checkout>/~/Downloads`).
 */
import os from 'node:os'
import path from 'node:path'
import { PeerShareError } from '../errors.js'

/** A typed path that does not say where it starts. */
export class RelativePathError extends PeerShareError {
  constructor (input: string, platform: NodeJS.Platform = process.platform) {
    const start = platform === 'win32' ? 'a drive (C:\\…) or ~\\ for your home folder' : '/ (or ~/ for your home folder)'
    super('bad-request', `"${input.slice(0, 200)}" is not a full path, and PeerShare cannot tell which folder it is relative to. Give the whole path, starting with ${start}.`)
    this.name = 'RelativePathError'
  }
}

/**
 * The absolute, normalised path a person meant: `~` and `~/…` (or `~\…`)
 * expand to `home`; anything else must already be absolute. Throws
 * RelativePathError otherwise, and a BadRequestError-coded one for an empty
 * or NUL-carrying path.
 */
export function resolveUserPath (input: string, home: string = os.homedir()): string {
  const text = input.trim()
  if (text === '' || text.includes('\0')) throw new PeerShareError('bad-request', 'Give the path of a file or folder, e.g. /home/me/Videos/holiday.mp4 or ~/Videos/holiday.mp4.')
  if (text === '~') return path.resolve(home)
  if (text.startsWith('~/') || (path.sep === '\\' && text.startsWith('~\\'))) return path.resolve(home, text.slice(2))
  if (!path.isAbsolute(text)) throw new RelativePathError(text)
  return path.resolve(text)
}
