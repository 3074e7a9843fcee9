/**
 * A stand-in for the desktop's opener (xdg-open), for hosts that have no
 * desktop here: an executable named xdg-open, put first on a child's PATH
 * (with a DISPLAY set, so the host believes it has a desktop), that only
 * records what it was asked to open. The host's own code runs as it would
 * for a person, up to the program it hands the path or address to.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tempDir } from './files.js'

/** The stand-in's environment and what it was asked to open. */
export interface OpenerStandIn {
  /** Environment for a child process: PATH with the stand-in first, and a DISPLAY. */
  readonly env: Record<string, string>
  /** Every argument the stand-in received, one per call, oldest first. */
  opened(): Promise<string[]>
}

/** Creates the stand-in in a temp dir that is removed at cleanup. */
export async function openerStandIn (): Promise<OpenerStandIn> {
  const dir = await tempDir('opener')
  const log = join(dir, 'opened.log')
  const script = join(dir, 'xdg-open')
  await writeFile(script, `#!/bin/sh\n# Stand-in for xdg-open: records its argument instead of opening it.\nprintf '%s\\n' "$1" >> '${log}'\n`)
  await chmod(script, 0o755)
  return {
    env: { PATH: `${dir}:${process.env.PATH ?? ''}`, DISPLAY: ':99' },
    async opened () {
      try {
        return (await readFile(log, 'utf8')).split('\n').filter(line => line !== '')
      } catch {
        return []
      }
    }
  }
}
