/**
 * Starting the platform's opener (open, xdg-open, explorer, start) for the
 * host's hand-offs to the desktop: a browser for the UI, a file manager for
 * a finished download. Detached, so the node never waits on it; where there
 * is no desktop to open anything on, it says so instead of trying.
 */
import { spawn } from 'node:child_process'

/** A program to start, with its arguments. */
export interface OpenerCommand {
  readonly command: string
  readonly args: readonly string[]
}

/**
 * Why nothing can be opened on this machine, or null when it has a
 * desktop: a Linux or BSD box without a display (a server, a container).
 */
export function noDesktopReason (platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string | null {
  if (platform === 'darwin' || platform === 'win32') return null
  if ((env.DISPLAY ?? '') === '' && (env.WAYLAND_DISPLAY ?? '') === '') return 'no graphical session (DISPLAY and WAYLAND_DISPLAY are unset)'
  return null
}

/**
 * Starts `cmd` detached; resolves once it started (null) or with why it
 * could not (a reason a person can read). Never throws. A non-zero exit
 * afterwards is told to `onExitFailure`, if given.
 */
export async function startOpener (cmd: OpenerCommand, platform: NodeJS.Platform, onExitFailure?: (reason: string) => void): Promise<string | null> {
  return await new Promise<string | null>(resolve => {
    let child
    try {
      child = spawn(cmd.command, [...cmd.args], { detached: true, stdio: 'ignore', windowsVerbatimArguments: platform === 'win32' })
    } catch (err) {
      resolve(`${cmd.command} failed: ${(err as Error).message}`)
      return
    }
    child.once('error', err => { resolve(`${cmd.command} failed: ${err.message}`) })
    child.once('spawn', () => {
      child.unref()
      resolve(null)
    })
    child.once('exit', code => {
      if (code != null && code !== 0) onExitFailure?.(`${cmd.command} exited with code ${code}`)
    })
  })
}
