/**
 * The desktop app's command line: which profile to run (`--profile DIR`,
 * default a `default` profile under the OS config folder), a few node
 * options that `peershare daemon` also takes, and any `peershare://` links.
 * Electron and Chromium add switches of their own, and a packaged app and a
 * development run put different things before ours, so the parser skips
 * what it does not know instead of failing on it.
 */
import { basename, join, resolve } from 'node:path'
import { profilePath } from '../core/index.js'
import { checkNodeOption, type NodeOptionName, type NodeOptions } from '../../shared/index.js'
import { DesktopUsageError } from './errors.js'
import { linksFromArgv } from './link-inbox.js'

/** What the desktop app was asked to do. */
export interface DesktopArgs {
  /** Absolute profile directory. */
  readonly profileDir: string
  /** The profile's name as shown in the window title. */
  readonly profileName: string
  /** Whether the profile was the default one (no --profile given). */
  readonly isDefaultProfile: boolean
  /** Engine options given on the command line, for this run only; absent ones come from the profile's settings. */
  readonly node: NodeOptions
  /** Well-formed `peershare://` links found among the arguments. */
  readonly links: readonly string[]
}

/** The default profile's directory under the OS's per-user config folder (app.getPath('appData')). */
export function defaultProfileDir (appDataDir: string): string {
  return join(appDataDir, 'PeerShare', 'profiles', 'default')
}

/** Electron's own data (caches, the single-instance lock) for a profile: inside it, so profiles never share it. */
export function electronDataDir (profileDir: string): string {
  return profilePath(profileDir, 'electron')
}

/** The window title for a profile. */
export function windowTitle (profileName: string): string {
  return `PeerShare — ${profileName}`
}

const VALUE_OPTIONS = ['profile', 'listen', 'bootstrap', 'network'] as const
type ValueOption = typeof VALUE_OPTIONS[number]

/**
 * Parses arguments (everything after the executable; a development run's
 * app path is skipped as an unknown positional). Relative paths resolve
 * against `cwd`.
 */
export function parseDesktopArgs (argv: readonly string[], appDataDir: string, cwd: string = process.cwd()): DesktopArgs {
  const values: Record<ValueOption, string[]> = { profile: [], listen: [], bootstrap: [], network: [] }
  let noMdns = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--no-mdns') {
      noMdns = true
      continue
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg)
    if (match == null || !(VALUE_OPTIONS as readonly string[]).includes(match[1])) continue
    const name = match[1] as ValueOption
    let value = match[2]
    if (value == null) {
      value = argv[i + 1]
      if (value == null || value.startsWith('--')) throw new DesktopUsageError(`--${name} needs a value.`)
      i++
    }
    values[name].push(value)
  }

  if (values.profile.length > 1) throw new DesktopUsageError('--profile may be given once.')
  if (values.network.length > 1) throw new DesktopUsageError('--network may be given once.')
  const profileArg = values.profile[0]
  if (profileArg === '') throw new DesktopUsageError('--profile needs a directory.')
  const profileDir = profileArg == null ? defaultProfileDir(appDataDir) : resolve(cwd, profileArg)

  const node: NodeOptions = {
    ...(values.listen.length > 0 ? { listen: values.listen } : {}),
    ...(values.bootstrap.length > 0 ? { bootstrap: values.bootstrap } : {}),
    ...(noMdns ? { mdns: false } : {}),
    ...(values.network[0] != null ? { network: values.network[0] } : {})
  }
  for (const [name, value] of Object.entries(node)) {
    const mistake = checkNodeOption(name as NodeOptionName, value)
    if (mistake != null) throw new DesktopUsageError(`--${name === 'mdns' ? 'no-mdns' : name}: ${mistake}`)
  }
  return {
    profileDir,
    profileName: basename(profileDir),
    isDefaultProfile: profileArg == null,
    node,
    links: linksFromArgv(argv)
  }
}
