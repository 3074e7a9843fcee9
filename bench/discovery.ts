/**
 * Benchmark 5 (discovery) on a private DHT of `dhtNodes` nodes: all but two
 * are engines in two helper processes (bench/workers/dht-swarm), the seeder
 * and the downloader are daemons of their own, bootstrapped to different
 * nodes. For every lookup the seeder shares a fresh file (time to announce:
 * until its provide has completed), then the downloader is given the bare
 * root CID (time to the first verified chunk). Baseline, interleaved: the
 * same for a full link carrying the seeder's address, where no search is
 * needed.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { MiB } from './support/proc-stats.js'
import { progress, privateNetwork, type BenchConfig } from './support/context.js'
import { startDaemon, waitForTransfer, type BenchDaemon } from './support/daemon.js'
import { randomFile, remove, subDir } from './support/files.js'
import { percentile, round } from './support/stats.js'
import { startWorker, type Worker } from './support/worker.js'
import { wasInterrupted } from './support/cleanup.js'
import type { Row } from './support/report.js'
import type { TransferView } from '../shared/index.js'
import { shareAndWait } from '../shared/index.js'

const HOSTS = 2
const WARMUP_TIMEOUT = 45_000
/** Let the network settle a little even when the tables fill at once, ms. */
const WARMUP_MIN = 5_000

/** Time until the seeder's DHT view says `root` was announced, ms. */
async function announced (seeder: BenchDaemon, root: string, started: number): Promise<number> {
  for (let i = 0; i < 6000; i++) {
    const s = (await seeder.client.dht({})).announced.find(a => a.root === root)
    if (s?.lastAnnouncedAt != null) return performance.now() - started
    await sleep(5)
  }
  throw new Error(`${root} was not announced within 30 s`)
}

/**
 * Downloads `link` and returns the time to its first verified chunk and how
 * the seeder was found. Watched through the event stream (a transfer's
 * state changes are sent at once), so no polling loads the downloader.
 */
async function firstChunk (downloader: BenchDaemon, link: string, root: string, outDir: string): Promise<{ ms: number, via: string }> {
  let seen!: (t: TransferView) => void
  const verified = new Promise<TransferView>(resolve => { seen = resolve })
  const unsubscribe = await downloader.client.subscribe(event => {
    if (event.kind === 'transfer' && event.transfer.root === root && (event.transfer.chunksDone >= 1 || event.transfer.state === 'done')) seen(event.transfer)
  })
  const deadline = new AbortController()
  const timeout = sleep(30_000, undefined, { signal: deadline.signal }).then(() => { throw new Error(`no verified chunk of ${root} within 30 s`) })
  timeout.catch(() => {})
  try {
    const started = performance.now()
    await downloader.client.download({ link, outDir })
    const t = await Promise.race([verified, timeout])
    const ms = performance.now() - started
    // Let the downloader finish and announce what it now holds, so the next lookup starts on a quiet node.
    await waitForTransfer(downloader, root, v => v.state === 'done', { timeoutMs: 30_000 })
    await announced(downloader, root, performance.now())
    return { ms, via: t.peers.map(p => p.foundVia).join('+') || 'unknown' }
  } finally {
    deadline.abort()
    unsubscribe()
  }
}

export async function discoveryBench (cfg: BenchConfig): Promise<Row[]> {
  const network = privateNetwork('dht')
  const dir = subDir('discovery')
  const perHost = Math.ceil((cfg.dhtNodes - 2) / HOSTS)
  const hosts: Worker[] = []
  const daemons: BenchDaemon[] = []
  try {
    progress(`discovery: starting ${cfg.dhtNodes - 2} in-process DHT nodes in ${HOSTS} processes, plus a seeder and a downloader daemon`)
    const first = startWorker('dht-swarm', [network, String(perHost), subDir('dht-host-0')])
    hosts.push(first)
    const firstAddrs = (await first.next<{ addrs: string[] }>(120_000)).addrs
    const others = Array.from({ length: HOSTS - 1 }, (_, k) => startWorker('dht-swarm', [network, String(cfg.dhtNodes - 2 - perHost * (k + 1)), subDir(`dht-host-${k + 1}`), firstAddrs[0]]))
    hosts.push(...others)
    const otherAddrs = (await Promise.all(others.map(async w => (await w.next<{ addrs: string[] }>(120_000)).addrs))).flat()
    // Each daemon gets a small bootstrap list of its own (three nodes, from both helper processes), as a real node would.
    const all = [...firstAddrs, ...otherAddrs]
    const pickBootstrap = (offset: number): string[] => [0, 1, 2].map(k => all[(offset + k * Math.floor(all.length / 3)) % all.length])
    const seeder = await startDaemon({ name: 'dht-seeder', network, bootstrap: pickBootstrap(1) })
    daemons.push(seeder)
    const downloader = await startDaemon({ name: 'dht-downloader', network, bootstrap: pickBootstrap(Math.floor(all.length / 6) + 2) })
    daemons.push(downloader)

    // Warm-up: wait until both routing tables hold a fair part of the network.
    const want = Math.min(10, Math.floor((cfg.dhtNodes - 2) / 2))
    const warmStart = performance.now()
    while (performance.now() - warmStart < WARMUP_TIMEOUT && !wasInterrupted()) {
      const sizes = await Promise.all(daemons.map(async d => (await d.client.dht({})).routingTableSize))
      if (sizes.every(s => s >= want) && performance.now() - warmStart > WARMUP_MIN) break
      await sleep(250)
    }
    const tables = await Promise.all(daemons.map(async d => (await d.client.dht({})).routingTableSize))
    progress(`discovery: routing tables hold ${tables.join(' and ')} peers after ${((performance.now() - warmStart) / 1000).toFixed(1)} s`)

    const announce: number[] = []
    const bare: number[] = []
    const direct: number[] = []
    const via = new Map<string, number>()
    const files = subDir('lookup-files')
    const outDir = subDir('lookup-out')
    for (let i = 0; i < cfg.lookups && !wasInterrupted(); i++) {
      for (const kind of i % 2 === 0 ? ['bare', 'direct'] : ['direct', 'bare']) {
        const file = await randomFile(files, `${kind}-${i}.bin`, MiB)
        const started = performance.now()
        const share = await shareAndWait(seeder.client, file, { public: true })
        const announceMs = await announced(seeder, share.root, started)
        if (kind === 'bare') {
          announce.push(announceMs)
          const r = await firstChunk(downloader, share.root, share.root, outDir)
          bare.push(r.ms)
          via.set(r.via, (via.get(r.via) ?? 0) + 1)
        } else {
          direct.push((await firstChunk(downloader, share.link, share.root, outDir)).ms)
        }
      }
      progress(`discovery lookup ${i + 1}/${cfg.lookups}: bare root ${bare.at(-1)!.toFixed(0)} ms, link ${direct.at(-1)!.toFixed(0)} ms, announce ${announce.at(-1)!.toFixed(0)} ms`)
    }
    const note = `${cfg.dhtNodes} nodes: ${cfg.dhtNodes - 2} in-process engines in ${HOSTS} processes + seeder and downloader daemons; seeder found via ${[...via].map(([k, v]) => `${k} ×${v}`).join(', ')}`
    const row = (measure: string, values: number[], p: number, baseline: number[], target?: number): Row => ({
      bench: '5 discovery',
      measure,
      value: round(percentile(values, p), 1),
      unit: 'ms',
      baseline: baseline.length === 0 ? undefined : round(percentile(baseline, p), 1),
      baselineLabel: baseline.length === 0 ? undefined : 'full link, no search',
      ratio: baseline.length === 0 ? undefined : round(percentile(values, p) / percentile(baseline, p), 2),
      target,
      kind: target == null ? 'info' : 'value-max',
      runs: values.map(v => round(v, 1))
    })
    return [
      { ...row(`bare root → first verified chunk, p50 (${cfg.dhtNodes}-node DHT)`, bare, 50, direct, 50), note },
      row(`bare root → first verified chunk, p95 (${cfg.dhtNodes}-node DHT)`, bare, 95, direct, 300),
      row('time to announce a share, p50', announce, 50, []),
      row('time to announce a share, p95', announce, 95, [])
    ]
  } finally {
    await Promise.all(daemons.map(async d => await d.stop()))
    await Promise.all(hosts.map(async h => await h.stop()))
    remove(dir)
  }
}
