/**
 * `peershare daemon`: runs a node for the profile, with its loopback API,
 * until SIGINT or SIGTERM; first says who it is and where it listens.
 */
import { runDaemon } from '../../host/index.js'
import { toEngineInit, type ProfileCommand } from '../args.js'
import { printJson, printLine, printNote, type CliIo } from '../io.js'

/** Runs the daemon; resolves with the exit code once it has stopped cleanly. */
export async function daemonCommand (command: ProfileCommand, io: CliIo): Promise<number> {
  const daemon = await runDaemon({ engine: toEngineInit(command) })
  const { peerId, addrs, api } = daemon.info
  if (command.json) {
    printJson(io, { peerId, addrs, api })
  } else {
    printLine(io, `PeerId: ${peerId}`)
    printLine(io, 'Listening on:')
    for (const addr of addrs) printLine(io, `  ${addr}`)
    printLine(io, `API: ${api}`)
    printNote(io, 'Running; press Ctrl-C to stop.')
  }
  await daemon.stopped
  if (!command.json) printNote(io, 'Stopped.')
  return 0
}
