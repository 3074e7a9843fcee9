/**
 * Benchmark 3 (sharing): a daemon chunks and hashes a file (the `share`
 * command, as the CLI and the UI call it), against one plain SHA-256 pass
 * over the same file in a separate process, interleaved. The file is in the
 * page cache for both, so this compares hashing pipelines, not the disk.
 */
import { MiB } from './support/proc-stats.js'
import { progress, privateNetwork, size, type BenchConfig } from './support/context.js'
import { startDaemon } from './support/daemon.js'
import { randomFile, remove, subDir } from './support/files.js'
import { median, round } from './support/stats.js'
import { runWorker } from './support/worker.js'
import { wasInterrupted } from './support/cleanup.js'
import type { Row } from './support/report.js'
import { shareAndWait } from '../shared/index.js'

export async function sharingBench (cfg: BenchConfig): Promise<Row[]> {
  const bytes = cfg.shareBytes
  const dir = subDir('sharing')
  progress(`sharing: writing a ${size(bytes)} random file`)
  const file = await randomFile(dir, 'share.bin', bytes)
  const daemon = await startDaemon({ name: 'sharer', network: privateNetwork('sharing') })
  try {
    const ours: number[] = []
    const plain: number[] = []
    for (let i = 0; i < cfg.runs && !wasInterrupted(); i++) {
      const pair = i % 2 === 0 ? ['plain', 'ours'] : ['ours', 'plain']
      for (const which of pair) {
        if (which === 'plain') {
          plain.push((await runWorker<{ ms: number }>('sha256-pass', [file])).ms)
        } else {
          // Sharing the same path again chunks and hashes it again (and keeps the one share).
          const started = performance.now()
          await shareAndWait(daemon.client, file)
          ours.push(performance.now() - started)
        }
      }
      progress(`sharing run ${i + 1}/${cfg.runs}: share ${rate(bytes, ours[ours.length - 1])} MiB/s, plain SHA-256 ${rate(bytes, plain[plain.length - 1])} MiB/s`)
    }
    const rates = ours.map(ms => bytes / MiB / (ms / 1000))
    const plainRates = plain.map(ms => bytes / MiB / (ms / 1000))
    return [{
      bench: '3 sharing',
      measure: `chunk + hash ${size(bytes)} (share command)`,
      value: round(median(rates), 1),
      unit: 'MiB/s',
      baseline: round(median(plainRates), 1),
      baselineLabel: 'plain SHA-256 pass',
      ratio: round(median(rates.map((r, i) => r / plainRates[i])), 3),
      target: 0.7,
      kind: 'ratio-min',
      runs: rates.map(r => round(r, 1))
    }]
  } finally {
    await daemon.stop()
    remove(dir)
  }
}

function rate (bytes: number, ms: number): string {
  return (bytes / MiB / (ms / 1000)).toFixed(0)
}
