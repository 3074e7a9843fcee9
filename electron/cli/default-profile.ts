/**
 * The profile PeerShare uses when none is named: the same one for `npm
 * start` (when it runs the headless node) and for every `peershare`
 * command, so that `peershare status` talks about the node `npm start`
 * started. It lives in the checkout the CLI runs from.
 */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The default profile, relative to the checkout (as before the desktop app). */
export const HEADLESS_DEFAULT_PROFILE = '.peershare/default'

/** The checkout this module runs from: three folders above its compiled place, dist/electron/cli/. */
function checkoutRoot (): string {
  return fileURLToPath(new URL('../../../', import.meta.url))
}

/** The default profile as an absolute path. */
export function defaultProfileDir (): string {
  return resolve(checkoutRoot(), HEADLESS_DEFAULT_PROFILE)
}
