/**
 * A download asked for again, maybe with other picks or another folder.
 * Unfinished, new picks join the ones it fetches and it runs again if it
 * had stopped; finished, the picked files missing from the folder asked
 * for are fetched into it (Transfer.again() says it in full). Both work on
 * the transfer through AgainTarget.
 */
import { BadRequestError } from '../errors.js'
import { filesOf, mergePicks } from '../content/selection.js'
import { finalPathOf, missingFinalFiles } from '../library/file-presence.js'
import { log } from '../logger.js'
import type { Download } from './download.js'
import type { TransferRecord } from './transfer-record.js'
import type { Manifest } from '../content/manifest.js'

const logger = log('transfer')

/** What a person asks for when they download a share that has a transfer already. */
export interface AgainRequest {
  /** The folder asked for, absolute; undefined: wherever the transfer goes already. */
  readonly outDir?: string
  /** Paths picked; undefined: the whole share. */
  readonly files?: readonly string[]
}

/** What asking again reads and changes of its transfer. */
export interface AgainTarget {
  readonly root: string
  readonly record: TransferRecord
  /** The download, once the manifest is known. */
  known(): Download | undefined
  /** Replaces the download with one built for the record as it is now (Transfer.openDownload). */
  reopen(manifest: Manifest, manifestBytes: Uint8Array, stored?: Uint8Array, recheck?: boolean): void
  /** Forgets which downloaded files were found missing. */
  forgetMissing(): void
  start(): void
  halt(): Promise<void>
  save(): Promise<void>
}

/** Unfinished: the picks (or, before the manifest is known, the folder) change and it runs again. */
export async function extend (t: AgainTarget, req: AgainRequest): Promise<void> {
  const { record } = t
  const known = t.known()
  const moved = req.outDir != null && req.outDir !== record.outDir
  // Once the manifest is known its files are being written in the first folder.
  if (moved && known != null) {
    throw new BadRequestError(`"${record.name ?? record.root}" is already being downloaded into ${record.outDir}. Let it finish there, or cancel it and download it again into ${req.outDir}.`)
  }
  const files = mergePicks(record.files, req.files)
  if (!moved && sameList(files, record.files)) {
    if (record.state === 'failed' || record.state === 'paused') t.start()
    return
  }
  // Picks the share does not list are refused before anything changes.
  if (known != null) filesOf(known.manifest, files)
  await t.halt()
  // It finished while being stopped: then it is fetched again like any finished download.
  if (record.state === 'done') {
    await fetchAgain(t, req)
    return
  }
  record.files = files
  if (moved) record.outDir = req.outDir!
  if (known != null) t.reopen(known.manifest, known.manifestBytes, known.progress.verified.toBytes(), false)
  await t.save()
  logger('%s: now fetching %s', t.root, files == null ? 'the whole share' : `${files.length} picks`)
  t.start()
}

/** Finished: what is missing in the folder asked for is fetched into it; nothing happens when nothing is. */
export async function fetchAgain (t: AgainTarget, req: AgainRequest): Promise<void> {
  const { record } = t
  const known = t.known()
  if (known == null) throw new BadRequestError(`The download of ${record.root} is done, but its file list is gone from the profile; cancel it and download it again.`)
  const outDir = req.outDir ?? record.outDir
  const sameFolder = outDir === record.outDir && record.path != null
  const files = sameFolder ? mergePicks(record.files, req.files) : req.files == null ? undefined : [...req.files]
  const selected = filesOf(known.manifest, files)
  const missing = sameFolder ? new Set(await missingFinalFiles(known.manifest, record.path!, selected)) : undefined
  const kept = missing == null ? [] : selected.filter(f => !missing.has(finalPathOf(known.manifest, record.path!, f.path))).map(f => f.path)
  if (kept.length === selected.length) return
  const single = known.manifest.files.length === 1 && known.manifest.files[0].path === known.manifest.name
  record.outDir = outDir
  record.files = files
  record.kept = kept.length > 0 ? kept : undefined
  record.into = sameFolder && !single && kept.length > 0 ? record.path : undefined
  record.path = undefined
  record.finishedAt = undefined
  record.activeMs = undefined
  record.error = undefined
  record.startedAt = Date.now()
  record.state = 'finding-peers'
  t.forgetMissing()
  t.reopen(known.manifest, known.manifestBytes)
  await t.save()
  logger('%s: fetching %d of %d files again into %s', t.root, selected.length - kept.length, selected.length, outDir)
  t.start()
}

function sameList (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a == null || b == null ? a == null && b == null : a.length === b.length && a.every((x, i) => x === b[i])
}
