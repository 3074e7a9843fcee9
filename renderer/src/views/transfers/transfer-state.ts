/**
 * Pure facts about a TransferView for display: the words and tone of each
 * state, which actions make sense in it, and its progress as a percentage.
 */
import { assertNever, type TransferState, type TransferView } from '../../../../shared/index.js'
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
  readonly cancel: boolean
  readonly open: boolean
}

export function actionsFor (t: TransferView): TransferActions {
  const live = t.state === 'finding-peers' || t.state === 'downloading' || t.state === 'verifying'
  return {
    pause: live,
    resume: t.state === 'paused' || t.state === 'failed',
    cancel: t.state !== 'done',
    open: t.state === 'done' && t.path != null
  }
}

/** 0–100, whole numbers; 100 only when done. */
export function percentDone (t: TransferView): number {
  if (t.state === 'done') return 100
  if (t.size <= 0) return 0
  return Math.min(99, Math.floor(t.bytesDone / t.size * 100))
}
