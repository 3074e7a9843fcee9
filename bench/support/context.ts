/**
 * What every benchmark gets from the runner: the sizes and run counts of
 * this mode (full or --quick), a fresh private network name, and a way to
 * report progress on stderr.
 */
import { randomUUID } from 'node:crypto'
import { GiB, MiB } from './proc-stats.js'

export interface BenchConfig {
  readonly quick: boolean
  /** Transfer size (benchmarks 1 and 2), bytes. */
  readonly transferBytes: number
  /** The large memory run (benchmark 2), bytes. */
  readonly bigBytes: number
  /** Sharing size (benchmark 3), bytes. */
  readonly shareBytes: number
  /** Swarming size and per-seeder upload cap (benchmark 4). */
  readonly swarmBytes: number
  readonly swarmRate: number
  /** DHT size and lookups (benchmark 5). */
  readonly dhtNodes: number
  readonly lookups: number
  /** Runs per figure. */
  readonly runs: number
  readonly bigRuns: number
  /** Large shares (benchmark 7): files in the folder, and the sparse file's size. */
  readonly manyFiles: number
  readonly hugeBytes: number
  /** Folder for CPU profiles of the transfer's two daemons; none by default. */
  readonly cpuProfDir?: string
}

export function configFor (quick: boolean, cpuProfDir?: string): BenchConfig {
  return quick
    ? { quick, transferBytes: 256 * MiB, bigBytes: 1 * GiB, shareBytes: 256 * MiB, swarmBytes: 48 * MiB, swarmRate: 8 * MiB, dhtNodes: 12, lookups: 5, runs: 3, bigRuns: 1, manyFiles: 10_000, hugeBytes: 4 * GiB, cpuProfDir }
    : { quick, transferBytes: 1 * GiB, bigBytes: 4 * GiB, shareBytes: 1 * GiB, swarmBytes: 160 * MiB, swarmRate: 8 * MiB, dhtNodes: 50, lookups: 20, runs: 5, bigRuns: 2, manyFiles: 100_000, hugeBytes: 64 * GiB, cpuProfDir }
}

/** A network name no other run or instance uses. */
export function privateNetwork (label: string): string {
  return `bench-${label}-${randomUUID().slice(0, 8)}`
}

/** One progress line on stderr. */
export function progress (message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

/** Human sizes for progress lines. */
export function size (bytes: number): string {
  return bytes >= GiB ? `${bytes / GiB} GiB` : `${bytes / MiB} MiB`
}
