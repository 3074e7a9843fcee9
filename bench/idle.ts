/**
 * Benchmark 6 (idle instance): a headless daemon (loopback, mDNS off, no
 * bootstrap, no shares): time from spawn until it serves its API, and its
 * resident memory once settled. Baseline, interleaved: a Node process that
 * does nothing (bench/workers/idle-node), the floor of any Node program.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { memoryOf, MiB } from './support/proc-stats.js'
import { progress, privateNetwork, type BenchConfig } from './support/context.js'
import { startDaemon } from './support/daemon.js'
import { median, round } from './support/stats.js'
import { startWorker } from './support/worker.js'
import { wasInterrupted } from './support/cleanup.js'
import type { Row } from './support/report.js'

/** How long an instance idles before its memory is read, ms. */
const SETTLE_MS = 3_000

interface IdleRun { readyMs: number, rss: number, peak: number }

async function daemonOnce (): Promise<IdleRun> {
  const d = await startDaemon({ name: 'idle', network: privateNetwork('idle') })
  try {
    await sleep(SETTLE_MS)
    const mem = memoryOf(d.pid)
    return { readyMs: d.readyMs, rss: mem?.rss ?? NaN, peak: mem?.peak ?? NaN }
  } finally {
    await d.stop()
  }
}

async function nodeOnce (): Promise<IdleRun> {
  const started = performance.now()
  const w = startWorker('idle-node', [])
  try {
    await w.next(30_000)
    const readyMs = performance.now() - started
    await sleep(SETTLE_MS)
    const mem = memoryOf(w.pid)
    return { readyMs, rss: mem?.rss ?? NaN, peak: mem?.peak ?? NaN }
  } finally {
    await w.stop()
  }
}

export async function idleBench (cfg: BenchConfig): Promise<Row[]> {
  const ours: IdleRun[] = []
  const bare: IdleRun[] = []
  for (let i = 0; i < cfg.runs && !wasInterrupted(); i++) {
    if (i % 2 === 0) { bare.push(await nodeOnce()); ours.push(await daemonOnce()) } else { ours.push(await daemonOnce()); bare.push(await nodeOnce()) }
    const o = ours.at(-1)!
    progress(`idle run ${i + 1}/${cfg.runs}: daemon ready in ${o.readyMs.toFixed(0)} ms, RSS ${(o.rss / MiB).toFixed(0)} MiB (peak ${(o.peak / MiB).toFixed(0)}); bare Node ${bare.at(-1)!.readyMs.toFixed(0)} ms, ${(bare.at(-1)!.rss / MiB).toFixed(0)} MiB`)
  }
  const rss = median(ours.map(r => r.rss)) / MiB
  const bareRss = median(bare.map(r => r.rss)) / MiB
  const ready = median(ours.map(r => r.readyMs))
  const bareReady = median(bare.map(r => r.readyMs))
  return [
    {
      bench: '6 idle',
      measure: `headless daemon RSS after ${SETTLE_MS / 1000} s idle`,
      value: round(rss, 1),
      unit: 'MiB',
      baseline: round(bareRss, 1),
      baselineLabel: 'bare Node',
      ratio: round(rss / bareRss, 2),
      target: 100,
      kind: 'value-max',
      runs: ours.map(r => round(r.rss / MiB, 1)),
      note: `peak RSS while starting, median ${(median(ours.map(r => r.peak)) / MiB).toFixed(0)} MiB`
    },
    {
      bench: '6 idle',
      measure: 'headless daemon: spawn → API serving',
      value: round(ready, 0),
      unit: 'ms',
      baseline: round(bareReady, 0),
      baselineLabel: 'bare Node',
      ratio: round(ready / bareReady, 2),
      target: 1000,
      kind: 'value-max',
      runs: ours.map(r => round(r.readyMs, 0))
    }
  ]
}
