/**
 * `peershare unshare ROOT`: stops sharing; the files stay where they are,
 * and a private share's link opens nothing here from then on.
 */
import type { ProfileCommand } from '../args.js'
import { printJson, printNote, type CliIo } from '../io.js'
import { withSession } from './with-session.js'

/** Runs `unshare`; resolves with the exit code. */
export async function unshareCommand (command: ProfileCommand & { readonly root: string }, io: CliIo): Promise<number> {
  const result = await withSession(command, io, async ({ api }) => await api.unshare({ root: command.root }))
  if (command.json) printJson(io, result)
  else printNote(io, `No longer sharing ${result.root}; its files were left where they are.`)
  return 0
}
