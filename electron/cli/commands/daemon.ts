/**
 * `peershare daemon`: runs a node for the profile, with its loopback API
 * and the web UI, until SIGINT or SIGTERM; first says who it is, where it
 * listens and the address that opens the UI (with --open, opens it too).
 */
import { builtUiDir, openInBrowser, runDaemon } from '../../host/index.js'
import { toEngineInit, type CliCommand } from '../args.js'
import { printJson, printLine, printNote, type CliIo } from '../io.js'

type DaemonCommand = Extract<CliCommand, { kind: 'daemon' }>

/** Runs the daemon; resolves with the exit code once it has stopped cleanly. */
export async function daemonCommand (command: DaemonCommand, io: CliIo): Promise<number> {
  const staticDir = builtUiDir()
  const daemon = await runDaemon({ engine: toEngineInit(command), staticDir })
  const { peerId, addrs, api } = daemon.info
  const ui = daemon.uiUrl
  if (command.json) {
    printJson(io, { peerId, addrs, api, ...(ui != null ? { ui } : {}) })
  } else {
    printLine(io, `PeerId: ${peerId}`)
    printLine(io, 'Listening on:')
    for (const addr of addrs) printLine(io, `  ${addr}`)
    printLine(io, `API: ${api}`)
    if (ui != null) printLine(io, `PeerShare UI: ${ui}`)
    else printNote(io, 'The web UI is not built (run `npm run build`); the API works without it.')
    printNote(io, 'Running; press Ctrl-C to stop.')
  }
  if (command.open) {
    if (ui == null) printNote(io, 'Not opening a browser: the web UI is not built.')
    else void openInBrowser(ui, reason => { printNote(io, `Could not open a browser (${reason}); open the PeerShare UI address above by hand.`) })
  }
  await daemon.stopped
  if (!command.json) printNote(io, 'Stopped.')
  return 0
}
