/**
 * Opens a URL in the person's browser for `peershare daemon --open` and
 * `peershare ui --open`: the platform's own opener (open, xdg-open, start),
 * detached, so the caller never waits on it. Failing to open is only
 * reported: the address is printed anyway and can be opened by hand.
 */
import { noDesktopReason, startOpener, type OpenerCommand } from './system-opener.js'

/** The command that opens a URL on a platform, or null where there is no desktop to open it on. */
export function browserCommand (url: string, platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): OpenerCommand | null {
  if (noDesktopReason(platform, env) != null) return null
  switch (platform) {
    case 'darwin':
      return { command: 'open', args: [url] }
    case 'win32':
      // `start` is a cmd builtin; its first quoted argument is a window title.
      return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] }
    default:
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
    onFailure(noDesktopReason(platform, env) ?? 'no way to open a browser here')
    return false
  }
  const failure = await startOpener(cmd, platform, onFailure)
  if (failure != null) onFailure(failure)
  return failure == null
}
