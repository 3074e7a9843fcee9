/**
 * PeerShare's version, as its package.json says, for `peershare --version`.
 * Read from the checkout (or installed app) the CLI runs from, three
 * folders above its compiled place, dist/electron/cli/.
 */
import { readFile } from 'node:fs/promises'

/** The version field of PeerShare's package.json. */
export async function packageVersion (): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown }
  return typeof pkg.version === 'string' ? pkg.version : 'unknown'
}
