/**
 * What `npm start` runs, decided from the command line, whether Electron
 * is installed and whether a node already runs for the profile: the
 * desktop app with the arguments passed through (its single-instance lock
 * brings a running one forward), or the headless host
 * (`peershare daemon --open`) with the profile and node options passed
 * through, so the UI opens in a browser instead; or, when the profile's
 * headless node already runs, `peershare ui --open`, which opens that one.
 * A pure function, so every plan is checked without starting anything.
 */
import { join } from 'node:path'
import { HEADLESS_DEFAULT_PROFILE } from '../cli/default-profile.js'
import { NODE_FLAGS, electronJsFlags } from '../cli/node-flags.js'
import type { ElectronLookup } from './electron-binary.js'

/** The profile `npm start` uses when none is given, relative to the checkout (the CLI's default too). */
export { HEADLESS_DEFAULT_PROFILE }

/** A process to run. */
export interface LaunchPlan {
  /** 'reopen': the profile's node already runs; its UI is opened, nothing is started. */
  readonly kind: 'electron' | 'headless' | 'reopen'
  readonly command: string
  readonly args: readonly string[]
  /** Printed once before starting, or null. */
  readonly notice: string | null
}

export interface LaunchPlanInit {
  /** The checkout's root (where package.json is). */
  readonly root: string
  /** Arguments after `npm start --`. */
  readonly argv: readonly string[]
  readonly electron: ElectronLookup
  /** The Node binary for the headless host: the checkout's pinned one when present. */
  readonly node: string
  /** Whether a headless node already runs for the profile (its daemon file names a live node that answers). */
  readonly running?: boolean
}

/** The plan for these arguments. */
export function planLaunch (init: LaunchPlanInit): LaunchPlan {
  if (init.electron.found) {
    return { kind: 'electron', command: init.electron.path, args: [electronJsFlags(), init.root, ...init.argv], notice: null }
  }
  const { profile, rest } = takeProfile(init.argv)
  const cli = join(init.root, 'dist', 'electron', 'cli', 'main.js')
  if (init.running === true) {
    return {
      kind: 'reopen',
      command: init.node,
      args: [cli, 'ui', '--open', '--profile', profile ?? HEADLESS_DEFAULT_PROFILE],
      notice: 'PeerShare already runs for this profile, so its UI is opened instead of starting another node.'
    }
  }
  return {
    kind: 'headless',
    command: init.node,
    args: [...NODE_FLAGS, cli, 'daemon', '--open', '--profile', profile ?? HEADLESS_DEFAULT_PROFILE, ...rest],
    notice: `PeerShare: the Electron binary is not installed (${init.electron.reason}), so the UI will open in your browser instead, served by a headless PeerShare node.`
  }
}

/** Splits `--profile DIR` / `--profile=DIR` off the other arguments. */
export function takeProfile (argv: readonly string[]): { profile: string | undefined, rest: string[] } {
  let profile: string | undefined
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--profile' && i + 1 < argv.length) {
      profile = argv[++i]
    } else if (arg.startsWith('--profile=')) {
      profile = arg.slice('--profile='.length)
    } else {
      rest.push(arg)
    }
  }
  return { profile, rest }
}
