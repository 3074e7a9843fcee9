/**
 * What a download is asked to do and what is persisted about it, so that a
 * restart finds every transfer where it was.
 */
import type { TransferState } from '../../../shared/index.js'

export interface TransferInit {
  root: string
  name?: string
  size?: number
  outDir: string
  /** Addresses from the link, each ending in /p2p/<id>. */
  linkPeers: readonly string[]
  /** Paths (files or folders) to fetch; default: the whole share. */
  files?: readonly string[]
}

/** What is persisted per transfer. */
export interface TransferRecord {
  root: string
  name?: string
  size?: number
  outDir: string
  state: TransferState
  error?: { code: string, message: string }
  path?: string
  startedAt: number
  finishedAt?: number
  /** Time spent in finished runs (paused and stopped spells left out), ms; absent before the first ends. */
  activeMs?: number
  linkPeers: string[]
  /** Picked paths; absent for the whole share. */
  files?: string[]
  /** Picked files an earlier run of this download already put in place (under `into`); they are not fetched again. */
  kept?: string[]
  /** The folder an earlier run made, which this run's files join; absent: the files get a folder (or name) of their own. */
  into?: string
}

/** The record of a new transfer. */
export function newRecord (init: TransferInit): TransferRecord {
  return {
    root: init.root,
    name: init.name,
    size: init.size,
    outDir: init.outDir,
    state: 'finding-peers',
    startedAt: Date.now(),
    linkPeers: [...init.linkPeers],
    files: init.files == null || init.files.length === 0 ? undefined : [...init.files]
  }
}
