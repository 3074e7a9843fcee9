/**
 * The one-line progress display of `peershare share` on a terminal while
 * the files are hashed: percent, files, bytes, rate and ETA, redrawn in
 * place like `get`'s (progress.ts).
 */
import { formatBytes, formatEta, formatRate, type ShareJobView } from '../../shared/index.js'
import { RedrawnLine, progressBar } from './progress.js'
import type { TextOut } from './io.js'

/** The progress line for a share job, at most `width` characters. */
export function formatShareLine (job: ShareJobView, width = 80): string {
  const fraction = job.bytesTotal > 0 ? Math.min(1, job.bytesDone / job.bytesTotal) : job.filesTotal > 0 ? job.filesDone / job.filesTotal : 0
  const parts = [
    `${(fraction * 100).toFixed(1).padStart(5)}%`,
    `${job.filesDone}/${job.filesTotal} files`,
    `${formatBytes(job.bytesDone)} / ${formatBytes(job.bytesTotal)}`,
    formatRate(job.rate),
    `ETA ${formatEta(job.etaSeconds)}`
  ]
  if (job.filesReused > 0) parts.push(`${job.filesReused} unchanged`)
  if (job.state !== 'hashing') parts.push(job.state)
  return progressBar(fraction, parts.join('  '), width)
}

/** Redraws a share job's line on a terminal stream. */
export class ShareProgressLine extends RedrawnLine<ShareJobView> {
  constructor (out: TextOut) {
    super(out, formatShareLine)
  }
}
