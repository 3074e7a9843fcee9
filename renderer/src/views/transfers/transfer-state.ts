/**
 * Pure facts about a TransferView for display: the words and tone of each
 * state, which actions make sense in it, its progress as a percentage, and
 * how a finished one went (how long it took, how fast on average).
 */
import { assertNever, countOf, formatDuration, formatRate, type TransferState, type TransferView } from '../../../../shared/index.js'
import type { BadgeTone } from '../../components/state-badge.js'

export interface StateLook {
  readonly label: string
  readonly tone: BadgeTone
  readonly symbol: string
}

/** How a state is shown: words first, symbol and colour only repeat them. */
export function stateLook (state: TransferState): StateLook {
  switch (state) {
    case 'finding-peers': return { label: 'Finding peers', tone: 'info', symbol: '…' }
    case 'downloading': return { label: 'Downloading', tone: 'active', symbol: '↓' }
    case 'paused': return { label: 'Paused', tone: 'warn', symbol: '❚❚' }
    case 'verifying': return { label: 'Verifying', tone: 'active', symbol: '✓?' }
    case 'done': return { label: 'Done', tone: 'ok', symbol: '✓' }
    case 'failed': return { label: 'Failed', tone: 'error', symbol: '✕' }
    default: return assertNever(state)
  }
}

/** Which buttons a transfer offers. */
export interface TransferActions {
  readonly pause: boolean
  readonly resume: boolean
  /** Stop and delete what was fetched (asks first). */
  readonly cancel: boolean
  /** Show the files in the file manager of the node's machine. */
  readonly open: boolean
  /** Take a finished download off the list, keeping its files. */
  readonly remove: boolean
}

export function actionsFor (t: TransferView): TransferActions {
  const live = t.state === 'finding-peers' || t.state === 'downloading' || t.state === 'verifying'
  const finished = t.state === 'done'
  return {
    pause: live,
    resume: t.state === 'paused' || t.state === 'failed',
    cancel: !finished,
    open: finished && t.path != null,
    remove: finished
  }
}

/** How a finished download went, in words; null until it is done. */
export interface FinishedFacts {
  /** "2 min 5 s": time spent downloading, pauses left out. */
  readonly took: string
  /** "3.2 MiB/s": its size over that time. */
  readonly averageRate: string
}

export function finishedFacts (t: TransferView): FinishedFacts | null {
  if (t.state !== 'done') return null
  // Downloads recorded before the time spent was kept count from start to finish.
  const ms = Math.max(t.activeMs > 0 ? t.activeMs : (t.finishedAt ?? t.startedAt) - t.startedAt, 1)
  return { took: formatDuration(ms), averageRate: formatRate(t.size / (ms / 1000)) }
}

/** "3 of 5 files", "1 of 1 file": the picked files among the share's. */
export function pickedFiles (picked: number, total: number): string {
  return `${picked} of ${countOf(total, 'file')}`
}

/** 0–100, whole numbers; 100 only when done. */
export function percentDone (t: TransferView): number {
  if (t.state === 'done') return 100
  if (t.size <= 0) return 0
  return Math.min(99, Math.floor(t.bytesDone / t.size * 100))
}
