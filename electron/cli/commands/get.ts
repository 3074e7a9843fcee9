/**
 * `peershare get LINK`: starts a download through the profile's daemon or
 * an engine in this process, follows it to the end (events, with polling as
 * a safety net and as the fallback), draws progress on a terminal, and
 * prints where the result landed, once it is there, with a one-line
 * summary. Ctrl-C pauses an in-process download so the same command
 * resumes it later.
 */
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { DaemonUnreachableError, assertNever, isErrorCode, type ApiErrorBody, type TransferView } from '../../../shared/index.js'
import type { ProfileCommand } from '../args.js'
import { errorBody, errorMessage } from '../errors.js'
import { printError, printJson, printLine, printNote, type CliIo } from '../io.js'
import { ProgressLine, progressFraction, summaryLine } from '../progress.js'
import { openSession, type Session } from '../session.js'

/** How often transfers are polled without an event stream, and with one (as a safety net), ms. */
export const POLL_INTERVAL_MS = 500
export const SAFETY_POLL_INTERVAL_MS = 2000

type Outcome =
  | { readonly kind: 'done', readonly view: TransferView }
  | { readonly kind: 'failed', readonly error: ApiErrorBody }
  | { readonly kind: 'interrupted', readonly signal: NodeJS.Signals }

/** Runs `get`; resolves with the exit code (0 done, 1 failed or paused by an error, 130/143 interrupted). */
export async function getCommand (command: ProfileCommand & { readonly link: string, readonly out?: string, readonly files?: readonly string[] }, io: CliIo): Promise<number> {
  const session = await openSession(command, io)
  try {
    return await follow(session, command, io)
  } finally {
    await session.close()
  }
}

async function follow (session: Session, command: ProfileCommand & { readonly link: string, readonly out?: string, readonly files?: readonly string[] }, io: CliIo): Promise<number> {
  const { api } = session
  const progress = io.stderr.isTTY === true ? new ProgressLine(io.stderr) : undefined
  const outcome = Promise.withResolvers<Outcome>()
  let settled = false
  let id: string | undefined
  let latest: TransferView | undefined
  let eventsLive = false
  let pollTimer: NodeJS.Timeout | undefined
  let pollFailures = 0

  const settle = (result: Outcome): void => {
    if (settled) return
    settled = true
    outcome.resolve(result)
  }

  const consider = (view: TransferView): void => {
    if (settled || id == null || view.id !== id) return
    latest = view
    switch (view.state) {
      case 'done':
        settle({ kind: 'done', view })
        return
      case 'failed':
        settle({ kind: 'failed', error: viewError(view, 'The download failed.') })
        return
      case 'paused':
        // A pause with an error was forced (disk full, …); one without was asked for and may be resumed elsewhere.
        if (view.error != null) settle({ kind: 'failed', error: viewError(view, view.error.message) })
        else progress?.update(view, true)
        return
      default:
        progress?.update(view)
    }
  }

  const poll = async (): Promise<void> => {
    pollTimer = undefined
    if (settled || id == null) return
    try {
      const views = await api.transfers({})
      pollFailures = 0
      const view = views.find(v => v.id === id)
      if (view == null) settle({ kind: 'failed', error: CANCELLED })
      else consider(view)
    } catch (err) {
      pollFailures++
      if (err instanceof DaemonUnreachableError || pollFailures >= 3) settle({ kind: 'failed', error: errorBody(err) })
    }
    if (!settled) pollTimer = setTimeout(() => { void poll() }, eventsLive ? SAFETY_POLL_INTERVAL_MS : POLL_INTERVAL_MS)
  }

  const onSignal = (signal: NodeJS.Signals): void => { settle({ kind: 'interrupted', signal }) }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  let unsubscribe: (() => void) | undefined
  try {
    try {
      unsubscribe = await session.subscribe(event => {
        if (event.kind === 'transfer') consider(event.transfer)
        else if (event.kind === 'transfer-removed' && event.id === id) settle({ kind: 'failed', error: CANCELLED })
      }, () => { eventsLive = false })
      eventsLive = true
    } catch {
      // No event stream: polling alone follows the download.
    }

    const started = (async (): Promise<void> => {
      let view = await api.download({
        link: command.link,
        ...(command.out == null ? {} : { outDir: command.out }),
        ...(command.files == null ? {} : { files: command.files })
      })
      id = view.id
      if (view.state === 'paused' || view.state === 'failed') {
        // Running `get` again resumes a download that was paused (Ctrl-C, a restart, a full disk) or retries a failed one.
        try {
          view = await api.resume({ id: view.id })
        } catch (err) {
          if (view.state !== 'failed') throw err
        }
      }
      consider(view)
      // The first poll comes soon even with events, in case the transfer moved on before its id was known.
      if (!settled) pollTimer = setTimeout(() => { void poll() }, POLL_INTERVAL_MS)
    })()
    started.catch(err => { settle({ kind: 'failed', error: errorBody(err) }) })

    const result = await outcome.promise
    progress?.clear()

    switch (result.kind) {
      case 'done': {
        const { view } = result
        const path = view.path ?? join(view.outDir, view.name)
        // Exit 0 promises the files are at the printed path: say so only after looking.
        const gone = await notInPlace(view, path)
        if (gone != null) {
          printFailure(io, command, { code: 'not-found', message: gone })
          return 1
        }
        if (command.json) {
          printJson(io, view)
        } else {
          printLine(io, path)
          printNote(io, summaryLine(view))
        }
        return 0
      }
      case 'failed':
        printFailure(io, command, result.error)
        return 1
      case 'interrupted':
        return await interrupted(session, id, latest, result.signal, io)
      default:
        return assertNever(result)
    }
  } finally {
    if (pollTimer != null) clearTimeout(pollTimer)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    unsubscribe?.()
  }
}

const CANCELLED: ApiErrorBody = { code: 'aborted', message: 'The download was cancelled.' }

/** A failed or forcibly paused download's error, as the contract's body. */
function viewError (view: TransferView, fallback: string): ApiErrorBody {
  const code = view.error?.code
  return { code: isErrorCode(code) ? code : 'transfer-failed', message: view.error?.message ?? fallback }
}

/** Says why `get` failed: one line on stderr, or with --json one JSON line on stdout. */
function printFailure (io: CliIo, command: ProfileCommand, error: ApiErrorBody): void {
  if (command.json) printJson(io, { error })
  else printError(io, error.message)
}

/** Why a done download's files are not at `path` after all, or null when they are. */
async function notInPlace (view: TransferView, path: string): Promise<string | null> {
  if (view.missingFiles != null) return `The download of "${view.name}" was done, but ${view.missingFiles[0]} is no longer there; run the same command again to fetch it again.`
  try {
    await stat(path)
    return null
  } catch (err) {
    return `The download of "${view.name}" was done, but nothing is at ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); run the same command again to fetch it again.`
  }
}

async function interrupted (session: Session, id: string | undefined, latest: TransferView | undefined, signal: NodeJS.Signals, io: CliIo): Promise<number> {
  const code = signal === 'SIGTERM' ? 143 : 130
  const at = latest == null ? '' : ` at ${(progressFraction(latest) * 100).toFixed(1)}%`
  if (session.mode === 'daemon') {
    printNote(io, `Stopped following; the download continues in the daemon${at}. See \`peershare ls\`.`)
    return code
  }
  if (id != null) {
    try {
      await session.api.pause({ id })
      printNote(io, `Paused${at}; run the same command again to resume.`)
    } catch (err) {
      printError(io, `could not pause the download: ${errorMessage(err)}`)
    }
  }
  return code
}
