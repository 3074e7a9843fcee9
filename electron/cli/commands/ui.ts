/**
 * `peershare ui`: the address that opens the web UI of the node running
 * for the profile (a daemon, or `npm start`'s headless node), for a person
 * who lost the tab or the terminal line; with --open, opens it too. It
 * starts nothing: without a running node it says how to start one.
 */
import { findDaemon, openInBrowser, readSecret, uiUrl } from '../../host/index.js'
import type { CliCommand } from '../args.js'
import { printJson, printLine, printNote, type CliIo } from '../io.js'

type UiCommand = Extract<CliCommand, { kind: 'ui' }>

/** No node runs for the profile, so there is no UI to point at. */
export class NoRunningNodeError extends Error {
  readonly code = 'not-found'
  constructor (profileDir: string) {
    super(`No PeerShare node runs for the profile ${profileDir}, so there is no UI to open. Start one with \`npm start -- --profile ${profileDir}\` or \`peershare daemon --profile ${profileDir} --open\`.`)
    this.name = 'NoRunningNodeError'
  }
}

/** The node that runs is the desktop app, whose UI is its own window. */
export class UiInWindowError extends Error {
  readonly code = 'bad-request'
  constructor (pid: number) {
    super(`The PeerShare desktop app runs this profile (pid ${pid}); its UI is the app's window, not a browser page.`)
    this.name = 'UiInWindowError'
  }
}

/** Prints (and with --open opens) the running node's UI address; resolves with the exit code. */
export async function uiCommand (command: UiCommand, io: CliIo): Promise<number> {
  const found = await findDaemon(command.profile)
  if (found == null) throw new NoRunningNodeError(command.profile)
  found.client.close()
  const { info } = found
  if (info.ui === false) throw new UiInWindowError(info.pid)
  const secret = await readSecret(command.profile)
  if (secret == null) throw new NoRunningNodeError(command.profile)
  const ui = uiUrl(info.api, secret)
  if (command.json) printJson(io, { ui, api: info.api, pid: info.pid, peerId: info.peerId })
  else printLine(io, `PeerShare UI: ${ui}`)
  if (command.open) {
    const opened = await openInBrowser(ui, reason => { printNote(io, `Could not open a browser (${reason}); open the PeerShare UI address above by hand.`) })
    if (opened && !command.json) printNote(io, 'Opened in your browser.')
  }
  return 0
}
