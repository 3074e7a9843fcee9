/**
 * Pure facts about a TransferView for display: the words and tone of each
 * state, which actions make sense in it, its progress as a percentage, how
 * a finished one went (how long it took, how fast on average), what a
 * waiting download waits for and what a finished one lost, and the status
 * line a started download leaves in the Download card.
 */
import { assertNever, countOf, formatDuration, formatRate, type TransferState, type TransferView } from '../../../../shared/index.js'
import type { LinkState } from '../../store/state.js'
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

/** How a transfer is shown: its state's look, or the words for a download waiting for a source or missing its files. */
export function transferLook (t: TransferView): StateLook {
  if (t.state === 'downloading' && t.waiting != null) return { label: 'Waiting for a source', tone: 'warn', symbol: '…' }
  if (t.state === 'done' && t.missingFiles != null) return { label: t.missingFiles.length === 1 ? 'File missing' : 'Files missing', tone: 'warn', symbol: '⚠' }
  return stateLook(t.state)
}

/** Chunk ranges as a person reads them: "12–40, 45 and 50–52". */
function rangesWords (ranges: readonly (readonly [number, number])[]): string {
  const parts = ranges.map(([a, b]) => a === b ? String(a) : `${a}–${b}`)
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}

/**
 * Why a waiting download does not move, in plain words: which chunks are
 * missing, that no connected peer has them, when a peer last sent one, and
 * that it goes on by itself. Null when it is not waiting.
 */
export function waitingWords (t: TransferView, timeOf: (ms: number) => string = ms => new Date(ms).toLocaleTimeString()): string | null {
  const w = t.waiting
  if (t.state !== 'downloading' || w == null) return null
  const listed = w.missingRanges.reduce((n, [a, b]) => n + b - a + 1, 0)
  const which = `${w.missingChunks === 1 ? 'chunk' : 'chunks'} ${rangesWords(w.missingRanges)}${listed < w.missingChunks ? ' and more' : ''}`
  const holders = w.connectedSources === 0
    ? 'no peer that has them is connected'
    : `the ${w.connectedSources === 1 ? 'peer' : `${w.connectedSources} peers`} connected ${w.connectedSources === 1 ? 'has' : 'have'} none of them`
  const last = w.lastChunkAt == null ? 'No peer has sent a chunk since it started.' : `A peer last sent a chunk at ${timeOf(w.lastChunkAt)}.`
  return `Waiting for a source: ${which} (${w.missingChunks} of ${t.chunkCount}) ${w.missingChunks === 1 ? 'is' : 'are'} missing, and ${holders}. ${last} It goes on by itself when a peer that has them connects.`
}

/** What a finished download whose files are gone says, or null when they are all in place. */
export function missingWords (t: TransferView): string | null {
  const gone = t.missingFiles
  if (t.state !== 'done' || gone == null || gone.length === 0) return null
  const what = gone.length === 1 ? `${gone[0]} is no longer there` : `${gone.length} of its files are no longer there, such as ${gone[0]}`
  return `${what} (deleted or moved). Look the link up again and press Download to fetch it again.`
}

/**
 * The status line a download started from the Download card leaves: said
 * while that download is under way and the node can be reached, and gone
 * once it finished, was paused, cancelled or failed, or the node went away.
 */
export function startedLine (startedId: string | null, transfers: readonly TransferView[], link: LinkState): string {
  if (startedId == null || link === 'reconnecting' || link === 'connecting') return ''
  const t = transfers.find(x => x.id === startedId)
  if (t == null) return ''
  return t.state === 'finding-peers' || t.state === 'downloading' || t.state === 'verifying' ? `Downloading ${t.name}.` : ''
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
