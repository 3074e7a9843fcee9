/**
 * Benchmark 1 (transfer) and the 1 GiB half of benchmark 2 (memory): one
 * seeder daemon, one fresh downloader daemon per run, a random file moved
 * encrypted, every chunk verified and written to disk. Each run is paired
 * with a baseline run of a bare libp2p stream (same TCP + Noise + Yamux)
 * moving as many bytes to /dev/null, in alternating order.
 */
import { join } from 'node:path'
import { cpuMeter, memoryOf, MiB } from './support/proc-stats.js'
import { progress, privateNetwork, size, type BenchConfig } from './support/context.js'
import { startDaemon, waitForTransfer, type BenchDaemon } from './support/daemon.js'
import { randomFile, remove, subDir } from './support/files.js'
import { median, round } from './support/stats.js'
import { runWorker, startWorker } from './support/worker.js'
import { wasInterrupted } from './support/cleanup.js'
import type { Row } from './support/report.js'

/** One download's figures. */
export interface DownloadRun {
  readonly ms: number
  /** The downloader's VmHWM, bytes. */
  readonly peakRss: number
  readonly downloaderCpu: number
  readonly seederCpu: number
}

/** Node flags that write a CPU profile named `name` into `dir`, if profiling. */
export function profileArgs (dir: string | undefined, name: string): string[] {
  return dir == null ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`]
}

/** Downloads `link` with a fresh downloader daemon; measures time, its peak RSS and both ends' CPU. */
export async function downloadOnce (seeder: BenchDaemon, link: string, root: string, bytes: number, network: string, nodeArgs: string[] = []): Promise<DownloadRun> {
  const downloader = await startDaemon({ name: 'downloader', network, nodeArgs })
  const outDir = subDir('out')
  try {
    const seederCpu = cpuMeter(seeder.pid)
    const downloaderCpu = cpuMeter(downloader.pid)
    const started = performance.now()
    await downloader.client.download({ link, outDir })
    // Generous: a tenth of the old speed still finishes.
    await waitForTransfer(downloader, root, t => t.state === 'done', { timeoutMs: 60_000 + bytes / (10 * MiB) * 1000 })
    const ms = performance.now() - started
    const mem = memoryOf(downloader.pid)
    return { ms, peakRss: mem?.peak ?? NaN, downloaderCpu: downloaderCpu(), seederCpu: seederCpu() }
  } finally {
    await downloader.stop()
    remove(outDir)
  }
}

/** One bare-stream baseline run: a fresh source worker sends to the long-lived sink. */
export async function bareStreamOnce (sinkPid: number, sinkAddr: string, bytes: number): Promise<{ ms: number, sourceCpu: number, sinkCpu: number }> {
  const sinkCpu = cpuMeter(sinkPid)
  const r = await runWorker<{ ms: number, cpuSeconds: number }>('bare-stream', ['source', sinkAddr, String(bytes)])
  return { ms: r.ms, sourceCpu: r.cpuSeconds, sinkCpu: sinkCpu() }
}

export interface TransferResult {
  readonly rows: Row[]
  /** Median peak RSS of the downloader, bytes (the memory benchmark compares 4 GiB with it). */
  readonly peakRss: number
}

export async function transferBench (cfg: BenchConfig): Promise<TransferResult> {
  const bytes = cfg.transferBytes
  const dir = subDir('transfer')
  progress(`transfer: writing a ${size(bytes)} random file`)
  const file = await randomFile(dir, 'transfer.bin', bytes)
  const network = privateNetwork('transfer')
  const seeder = await startDaemon({ name: 'seeder', network, nodeArgs: profileArgs(cfg.cpuProfDir, 'seeder') })
  const sink = startWorker('bare-stream', ['sink'])
  try {
    const share = await seeder.client.share({ path: file })
    const { addr } = await sink.next<{ addr: string }>()
    const ours: DownloadRun[] = []
    const bare: number[] = []
    const bareCpu: Array<{ sourceCpu: number, sinkCpu: number }> = []
    for (let i = 0; i < cfg.runs && !wasInterrupted(); i++) {
      // Alternate the order, so neither side always runs on a warmer (or busier) machine.
      const pair = i % 2 === 0 ? ['bare', 'ours'] : ['ours', 'bare']
      for (const which of pair) {
        if (which === 'bare') {
          const b = await bareStreamOnce(sink.pid, addr, bytes)
          bare.push(b.ms)
          bareCpu.push(b)
        } else ours.push(await downloadOnce(seeder, share.link, share.root, bytes, network, profileArgs(cfg.cpuProfDir, `downloader-${i}`)))
      }
      const last = ours[ours.length - 1]
      progress(`transfer run ${i + 1}/${cfg.runs}: PeerShare ${mibps(bytes, last.ms)} MiB/s (peak RSS ${(last.peakRss / MiB).toFixed(0)} MiB, CPU downloader ${last.downloaderCpu.toFixed(1)} s, seeder ${last.seederCpu.toFixed(1)} s), bare stream ${mibps(bytes, bare[bare.length - 1])} MiB/s`)
    }
    const rates = ours.map(r => bytes / MiB / (r.ms / 1000))
    const bareRates = bare.map(ms => bytes / MiB / (ms / 1000))
    const ratios = rates.map((r, i) => r / bareRates[i])
    const peakRss = median(ours.map(r => r.peakRss))
    return {
      peakRss,
      rows: [
        {
          bench: '1 transfer',
          measure: `${size(bytes)}, 1 seeder → 1 downloader, verified, to disk`,
          value: round(median(rates), 1),
          unit: 'MiB/s',
          baseline: round(median(bareRates), 1),
          baselineLabel: 'bare libp2p stream',
          ratio: round(median(ratios), 3),
          target: 0.75,
          kind: 'ratio-min',
          runs: rates.map(r => round(r, 1)),
          note: `CPU s per run, median: downloader ${median(ours.map(r => r.downloaderCpu)).toFixed(1)}, seeder ${median(ours.map(r => r.seederCpu)).toFixed(1)}; ` +
            `bare stream: receiver ${median(bareCpu.map(r => r.sinkCpu)).toFixed(1)}, sender ${median(bareCpu.map(r => r.sourceCpu)).toFixed(1)}; bare runs MiB/s ${bareRates.map(r => r.toFixed(0)).join(', ')}`
        },
        peakRssRow(bytes, ours.map(r => r.peakRss))
      ]
    }
  } finally {
    await sink.stop()
    await seeder.stop()
    remove(join(dir))
  }
}

function mibps (bytes: number, ms: number): string {
  return (bytes / MiB / (ms / 1000)).toFixed(1)
}

/** Benchmark 2's row for one file size: the downloader's median peak RSS over `peaks` (bytes). */
export function peakRssRow (bytes: number, peaks: readonly number[], note?: string): Row {
  return {
    bench: '2 memory',
    measure: `downloader peak RSS, ${size(bytes)}`,
    value: round(median([...peaks]) / MiB, 1),
    unit: 'MiB',
    target: 200,
    kind: 'value-max',
    runs: peaks.map(p => round(p / MiB, 1)),
    ...(note == null ? {} : { note })
  }
}
