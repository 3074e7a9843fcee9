/**
 * Opens a URL in the person's browser for `peershare daemon --open`: the
 * platform's own opener (open, xdg-open, start), detached, so the daemon
 * never waits on it. Failing to open is only reported: the address is
 * printed anyway and can be opened by hand.
 */
import { spawn } from 'node:child_process'

/** The command that opens a URL on a platform, or null where there is no desktop to open it on. */
export function browserCommand (url: string, platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): { command: string, args: string[] } | null {
  switch (platform) {
    case 'darwin':
      return { command: 'open', args: [url] }
    case 'win32':
      // `start` is a cmd builtin; its first quoted argument is a window title.
      return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] }
    default:
      // A Linux or BSD box without a display (a server, a container) has no browser to open.
      if ((env.DISPLAY ?? '') === '' && (env.WAYLAND_DISPLAY ?? '') === '') return null
      return { command: 'xdg-open', args: [url] }
  }
}

/**
 * Asks the system to open `url`; resolves once the opener started (true)
 * or could not (false, with `onFailure` told why). Never throws.
 */
export async function openInBrowser (url: string, onFailure: (reason: string) => void, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const cmd = browserCommand(url, platform, env)
  if (cmd == null) {
    onFailure('no graphical session (DISPLAY and WAYLAND_DISPLAY are unset)')
    return false
  }
  return await new Promise<boolean>(resolve => {
    let child
    try {
      child = spawn(cmd.command, cmd.args, { detached: true, stdio: 'ignore', windowsVerbatimArguments: platform === 'win32' })
    } catch (err) {
      onFailure(`${cmd.command} failed: ${(err as Error).message}`)
      resolve(false)
      return
    }
    child.once('error', err => {
      onFailure(`${cmd.command} failed: ${err.message}`)
      resolve(false)
    })
    child.once('spawn', () => {
      child.unref()
      resolve(true)
    })
    child.once('exit', code => {
      if (code != null && code !== 0) onFailure(`${cmd.command} exited with code ${code}`)
    })
  })
}
