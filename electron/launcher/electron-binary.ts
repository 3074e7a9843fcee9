/**
 * Finds the Electron binary of this checkout without loading Electron: the
 * `electron` npm package answers `require('electron')` from plain Node with
 * the binary's path, or throws when its download never happened (no GitHub
 * access, ELECTRON_SKIP_BINARY_DOWNLOAD). Used by the launcher to choose
 * between the desktop app and the headless host with the UI in a browser.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

/** Set to 1 to run the headless host even where Electron is installed. */
export const NO_ELECTRON_ENV = 'PEERSHARE_NO_ELECTRON'

/** Why there is no binary to run, for the launcher's one-line notice. */
export type ElectronLookup =
  | { readonly found: true, readonly path: string }
  | { readonly found: false, readonly reason: string }

/**
 * Looks the binary up through the electron package (resolved from
 * `fromUrl`); `env` may turn the lookup off.
 */
export function findElectronBinary (fromUrl: string, env: NodeJS.ProcessEnv = process.env): ElectronLookup {
  if (env[NO_ELECTRON_ENV] === '1') return { found: false, reason: `${NO_ELECTRON_ENV}=1 is set` }
  let path: unknown
  try {
    path = createRequire(fromUrl)('electron')
  } catch (err) {
    const message = (err as Error)?.message ?? String(err)
    return { found: false, reason: /Cannot find module/.test(message) ? 'the electron package is not installed' : 'its download was skipped or failed' }
  }
  if (typeof path !== 'string' || path === '') return { found: false, reason: 'the electron package did not name a binary' }
  if (!existsSync(path)) return { found: false, reason: `${path} does not exist` }
  return { found: true, path }
}
