/**
 * `peershare share PATH`: shares a file or folder and prints its link. The
 * profile's daemon takes the share over when one runs; otherwise this
 * process becomes the profile's daemon and serves until SIGINT or SIGTERM.
 */
import { formatBytes, type ShareView } from '../../../shared/index.js'
import { findDaemon, runDaemon } from '../../host/index.js'
import { hasNodeFlags, toEngineInit, type ProfileCommand } from '../args.js'
import { printJson, printLine, printNote, type CliIo } from '../io.js'

/** Runs `share`; resolves with the exit code. */
export async function shareCommand (command: ProfileCommand & { readonly path: string, readonly public: boolean }, io: CliIo): Promise<number> {
  const found = await findDaemon(command.profile)
  if (found != null) {
    if (hasNodeFlags(command.node)) printNote(io, `A daemon runs for this profile (pid ${found.info.pid}); node options on this command line are ignored.`)
    try {
      const view = await found.client.share({ path: command.path, public: command.public })
      report(io, command, view)
      if (!command.json) printNote(io, `The daemon (pid ${found.info.pid}) serves it.`)
    } finally {
      found.client.close()
    }
    return 0
  }

  const daemon = await runDaemon({ engine: toEngineInit(command) })
  // The daemon stops itself on a signal; this only notes that one came, so a share cut short by it is not reported as a failure.
  let interrupted = false
  const onSignal = (): void => { interrupted = true }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  let view: ShareView
  try {
    view = await daemon.engine.api.share({ path: command.path, public: command.public })
  } catch (err) {
    await daemon.stop().catch(() => {})
    if (interrupted) return 130
    throw err
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
  report(io, command, view)
  if (!command.json) printNote(io, `Serving from this process (PeerId ${daemon.info.peerId}, API ${daemon.info.api}); press Ctrl-C to stop.`)
  await daemon.stopped
  return 0
}

function report (io: CliIo, command: ProfileCommand, view: ShareView): void {
  if (command.json) {
    printJson(io, view)
    return
  }
  printLine(io, view.link)
  printNote(io, `Shared "${view.name}": ${formatBytes(view.size)} in ${view.fileCount} ${view.fileCount === 1 ? 'file' : 'files'}, root ${view.root}`)
  printNote(io, accessNote(view))
}

/** Who can open a share, in words. */
export function accessNote (view: ShareView): string {
  return view.private
    ? 'Private: only someone with this whole link (its #k=… part included) can find and fetch it. `peershare link rotate ROOT` makes a new link and refuses this one.'
    : 'Public: anyone who learns its root can find and fetch it.'
}
