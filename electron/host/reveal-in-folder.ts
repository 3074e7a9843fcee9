/**
 * "Open folder" for a host without Electron's shell: the daemon runs on the
 * person's own machine, so it asks that machine's file manager to show a
 * finished download (Finder selects it, Explorer selects it, on Linux the
 * folder holding it opens). Only a folder is ever handed to xdg-open, never
 * a file, which it would open with whatever program claims it.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { PeerShareError } from '../core/index.js'
import { noDesktopReason, startOpener, type OpenerCommand } from './system-opener.js'

/** Nothing could show the file: no desktop here, or the file manager would not start. */
export class NoFileManagerError extends PeerShareError {
  constructor (file: string, reason: string) {
    super('bad-request', `PeerShare could not open a file manager (${reason}). The download is at ${file}.`)
    this.name = 'NoFileManagerError'
  }
}

/** The command that shows `file` (a file, or a folder when `isFolder`), or null where there is no desktop. */
export function revealCommand (file: string, isFolder: boolean, platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): OpenerCommand | null {
  if (noDesktopReason(platform, env) != null) return null
  switch (platform) {
    case 'darwin':
      return { command: 'open', args: ['-R', file] }
    case 'win32':
      return { command: 'explorer.exe', args: [`/select,"${file}"`] }
    default:
      return { command: 'xdg-open', args: [isFolder ? file : path.dirname(file)] }
  }
}

/** Shows `file` in the file manager; throws NoFileManagerError saying why when it cannot. */
export async function revealInFolder (file: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const isFolder = (await stat(file)).isDirectory()
  const cmd = revealCommand(file, isFolder, platform, env)
  if (cmd == null) throw new NoFileManagerError(file, noDesktopReason(platform, env) ?? 'none is known on this system')
  const failure = await startOpener(cmd, platform)
  if (failure != null) throw new NoFileManagerError(file, failure)
}
