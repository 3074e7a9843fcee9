/**
 * How `peershare get` shows a download: on a terminal, one progress line
 * (percent, bytes, speed, ETA or what it waits for, and peers) redrawn in
 * place with a carriage return; once done, a one-line summary.
 */
import { formatBytes, formatDuration, formatEta, formatRate, type TransferView } from '../../shared/index.js'
import type { TextOut } from './io.js'

const STATE_LABELS: Readonly<Record<TransferView['state'], string>> = {
  'finding-peers': 'finding peers',
  downloading: 'downloading',
  paused: 'paused',
  verifying: 'verifying',
  done: 'done',
  failed: 'failed'
}

/** Fraction done, 0..1. */
export function progressFraction (view: TransferView): number {
  if (view.size > 0) return Math.min(1, view.bytesDone / view.size)
  if (view.chunkCount > 0) return Math.min(1, view.chunksDone / view.chunkCount)
  return view.state === 'done' ? 1 : 0
}

/** The progress line for a transfer, at most `width` characters. */
export function formatProgressLine (view: TransferView, width = 80): string {
  const fraction = progressFraction(view)
  const percent = `${(fraction * 100).toFixed(1).padStart(5)}%`
  const peers = view.peers.filter(p => !p.banned).length
  const parts = [
    percent,
    `${formatBytes(view.bytesDone)} / ${view.size > 0 ? formatBytes(view.size) : '?'}`,
    formatRate(view.rate),
    view.waiting != null ? 'waiting for a source' : `ETA ${formatEta(view.etaSeconds)}`,
    `${peers} ${peers === 1 ? 'peer' : 'peers'}`
  ]
  if (view.state !== 'downloading') parts.push(STATE_LABELS[view.state])
  const text = parts.join('  ')
  const barWidth = Math.min(30, width - text.length - 3)
  if (barWidth < 5) return text.slice(0, Math.max(0, width - 1))
  const filled = Math.round(fraction * barWidth)
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${text}`
}

/** A finished download in one line: its size, how long it took, its average speed and how many peers sent it. */
export function summaryLine (view: TransferView): string {
  const ms = view.finishedAt == null ? null : Math.max(0, view.finishedAt - view.startedAt)
  const peers = view.peers.filter(p => p.chunksReceived > 0).length
  const parts = [`Downloaded "${view.name}": ${formatBytes(view.size)}`]
  if (ms != null) parts.push(`in ${formatDuration(ms)}`, `${formatRate(view.size / Math.max(ms, 1) * 1000)} on average`)
  // A download finished before this run (after a restart) no longer knows who sent it.
  if (peers > 0 || view.chunksFetched > 0) parts.push(`from ${peers} ${peers === 1 ? 'peer' : 'peers'}`)
  return `${parts.join(', ')}.`
}

/** Redraws the progress line on a terminal stream, at most ~10 times a second. */
export class ProgressLine {
  readonly #out: TextOut
  #lastDraw = 0
  #visible = false

  constructor (out: TextOut) {
    this.#out = out
  }

  /** Draws the line for `view` unless the last redraw was under 100 ms ago (`force` skips that). */
  update (view: TransferView, force = false): void {
    const now = Date.now()
    if (!force && now - this.#lastDraw < 100) return
    this.#lastDraw = now
    const width = this.#out.columns ?? 80
    this.#out.write(`\r\x1b[K${formatProgressLine(view, width)}`)
    this.#visible = true
  }

  /** Erases the line, so that the next output starts on a clean line. */
  clear (): void {
    if (!this.#visible) return
    this.#out.write('\r\x1b[K')
    this.#visible = false
  }
}
