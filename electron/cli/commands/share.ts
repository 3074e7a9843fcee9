/**
 * `peershare share PATH`: shares a file or folder and prints its link. The
 * profile's daemon takes the share over when one runs; otherwise this
 * process becomes the profile's daemon and serves until SIGINT or SIGTERM.
 * While the files are hashed (a job in the engine) a progress bar shows
 * files, bytes, rate and ETA on a terminal; `--json` prints the job as one
 * JSON line per update instead, the last one ending `done` with the share.
 * Ctrl-C while hashing cancels the job: nothing of it is kept.
 */
import { awaitShareJob, formatBytes, type PeerShareApi, type ShareJobView, type ShareView } from '../../../shared/index.js'
import { findDaemon, runDaemon } from '../../host/index.js'
import { hasNodeFlags, toEngineInit, type ProfileCommand } from '../args.js'
import { errorMessage } from '../errors.js'
import { printError, printJson, printLine, printNote, type CliIo } from '../io.js'
import { ShareProgressLine } from '../share-progress.js'

/** How often a running job is looked at, ms. */
export const SHARE_POLL_MS = 250

/** Runs `share`; resolves with the exit code. */
export async function shareCommand (command: ProfileCommand & { readonly path: string, readonly public: boolean }, io: CliIo): Promise<number> {
  const found = await findDaemon(command.profile)
  if (found != null) {
    if (hasNodeFlags(command.node)) printNote(io, `A daemon runs for this profile (pid ${found.info.pid}); node options on this command line are ignored.`)
    try {
      const view = await follow(found.client, command, io)
      if (view == null) return 130
      report(io, command, view)
      if (!command.json) printNote(io, `The daemon (pid ${found.info.pid}) serves it.`)
    } finally {
      found.client.close()
    }
    return 0
  }

  const daemon = await runDaemon({ engine: toEngineInit(command) })
  let view: ShareView | undefined
  try {
    view = await follow(daemon.engine.api, command, io)
  } catch (err) {
    await daemon.stop().catch(() => {})
    throw err
  }
  if (view == null) {
    await daemon.stop().catch(() => {})
    return 130
  }
  report(io, command, view)
  if (!command.json) printNote(io, `Serving from this process (PeerId ${daemon.info.peerId}, API ${daemon.info.api}); press Ctrl-C to stop.`)
  await daemon.stopped
  return 0
}

/**
 * Starts the share and follows its job to the end; undefined when Ctrl-C
 * (or SIGTERM) cancelled it, after saying so.
 */
async function follow (api: PeerShareApi, command: ProfileCommand & { readonly path: string, readonly public: boolean }, io: CliIo): Promise<ShareView | undefined> {
  const started = await api.share({ path: command.path, public: command.public })
  const line = !command.json && io.stderr.isTTY === true ? new ShareProgressLine(io.stderr) : undefined
  const stop = new AbortController()
  const onSignal = (): void => { stop.abort(new Error('interrupted')) }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  let last: ShareJobView = started
  try {
    return await awaitShareJob(api, started, {
      intervalMs: SHARE_POLL_MS,
      signal: stop.signal,
      onProgress: job => {
        if (command.json && (job.bytesDone !== last.bytesDone || job.state !== last.state || job === started)) printJson(io, job)
        last = job
        line?.update(job, job.state !== 'hashing')
      }
    })
  } catch (err) {
    line?.clear()
    if (!stop.signal.aborted) throw err
    try {
      const cancelled = await api.cancelShareJob({ id: started.id })
      if (command.json) printJson(io, cancelled)
      printNote(io, cancelled.state === 'cancelled' ? `Cancelled sharing ${cancelled.path}; nothing of it was kept.` : `Sharing ${cancelled.path} had already ended (${cancelled.state}).`)
    } catch (e) {
      // A node stopped by the same signal cancels its jobs itself.
      printError(io, `could not cancel the share: ${errorMessage(e)}`)
    }
    return undefined
  } finally {
    line?.clear()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

function report (io: CliIo, command: ProfileCommand, view: ShareView): void {
  if (command.json) return
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
