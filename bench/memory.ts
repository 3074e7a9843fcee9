/**
 * Benchmark 2 (memory), large half: the downloader's peak RSS for a big
 * file (4 GiB), compared with its peak for the transfer benchmark's size
 * in the same run. Memory must not grow with the file.
 */
import { MiB } from './support/proc-stats.js'
import { progress, privateNetwork, size, type BenchConfig } from './support/context.js'
import { startDaemon } from './support/daemon.js'
import { randomFile, remove, subDir } from './support/files.js'
import { median, round } from './support/stats.js'
import { wasInterrupted } from './support/cleanup.js'
import { downloadOnce, peakRssRow, type DownloadRun } from './transfer.js'
import type { Row } from './support/report.js'
import { shareAndWait } from '../shared/index.js'

export async function memoryBench (cfg: BenchConfig, smallPeakRss: number): Promise<Row[]> {
  const bytes = cfg.bigBytes
  const dir = subDir('memory')
  progress(`memory: writing a ${size(bytes)} random file`)
  const file = await randomFile(dir, 'big.bin', bytes)
  const network = privateNetwork('memory')
  const seeder = await startDaemon({ name: 'seeder', network })
  try {
    progress(`memory: sharing ${size(bytes)}`)
    const share = await shareAndWait(seeder.client, file)
    const runs: DownloadRun[] = []
    for (let i = 0; i < cfg.bigRuns && !wasInterrupted(); i++) {
      const r = await downloadOnce(seeder, share.link, share.root, bytes, network)
      runs.push(r)
      progress(`memory run ${i + 1}/${cfg.bigRuns}: ${size(bytes)} in ${(r.ms / 1000).toFixed(1)} s, downloader peak RSS ${(r.peakRss / MiB).toFixed(0)} MiB`)
    }
    const peak = median(runs.map(r => r.peakRss))
    return [
      peakRssRow(bytes, runs.map(r => r.peakRss), `transfer rate MiB/s: ${runs.map(r => (bytes / MiB / (r.ms / 1000)).toFixed(1)).join(', ')}`),
      {
        bench: '2 memory',
        measure: `peak RSS ${size(bytes)} vs ${size(cfg.transferBytes)}`,
        value: round(peak / MiB, 1),
        unit: 'MiB',
        baseline: round(smallPeakRss / MiB, 1),
        baselineLabel: size(cfg.transferBytes),
        ratio: round(peak / smallPeakRss, 3),
        target: 1.1,
        kind: 'value-max-ratio'
      }
    ]
  } finally {
    await seeder.stop()
    remove(dir)
  }
}
