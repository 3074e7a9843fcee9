/**
 * `peershare link rotate ROOT`: a new link for a private share. The old
 * link is refused from then on; peers that already downloaded keep their
 * files. Prints the new link.
 */
import type { ProfileCommand } from '../args.js'
import { printJson, printLine, printNote, type CliIo } from '../io.js'
import { withSession } from './with-session.js'

/** Runs `link rotate`; resolves with the exit code. */
export async function linkCommand (command: ProfileCommand & { readonly root: string }, io: CliIo): Promise<number> {
  const view = await withSession(command, io, async ({ api }) => await api.rotateLink({ root: command.root }))
  if (command.json) {
    printJson(io, view)
    return 0
  }
  printLine(io, view.link)
  printNote(io, `A new link for "${view.name}": the old one no longer opens it. Peers that already downloaded it keep their copy.`)
  return 0
}
