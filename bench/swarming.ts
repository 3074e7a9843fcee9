/**
 * Benchmark 4 (swarming): 1, 2 and 4 seeders, each capped at the same
 * upload rate R by the engine's own limit (--upload-limit), serve one file to
 * a fresh downloader. The baseline is R itself: with n seeders the download
 * should approach n·R. Each seeder count has its own seeders on its own
 * private network, so a downloader never learns of a seeder outside its set.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { MiB } from './support/proc-stats.js'
import { progress, privateNetwork, size, type BenchConfig } from './support/context.js'
import { startDaemon, waitForTransfer, type BenchDaemon } from './support/daemon.js'
import { randomFile, remove, subDir } from './support/files.js'
import { median, round } from './support/stats.js'
import { wasInterrupted } from './support/cleanup.js'
import type { Row } from './support/report.js'
import { shareAndWait } from '../shared/index.js'

const SEEDER_COUNTS = [1, 2, 4] as const

interface Swarm {
  readonly n: number
  readonly network: string
  readonly seeders: BenchDaemon[]
  readonly link: string
  readonly root: string
}

async function startSwarm (n: number, file: string, rate: number): Promise<Swarm> {
  const network = privateNetwork(`swarm${n}`)
  const seeders = await Promise.all(Array.from({ length: n }, async (_, i) => await startDaemon({ name: `seeder-${n}-${i}`, network, uploadLimit: rate })))
  const shares = await Promise.all(seeders.map(async s => await shareAndWait(s.client, file, { public: true })))
  return { n, network, seeders, link: shares[0].link, root: shares[0].root }
}

/** One download from every seeder of the swarm; resolves with its rate in bytes/s. */
async function downloadFrom (swarm: Swarm, bytes: number): Promise<number> {
  const downloader = await startDaemon({ name: `swarm-downloader-${swarm.n}`, network: swarm.network, bootstrap: swarm.seeders.map(s => s.addr) })
  const outDir = subDir('swarm-out')
  try {
    // Start the clock once every seeder is connected, so the figure is about moving bytes, not dialing.
    const want = new Set(swarm.seeders.map(s => s.peerId))
    for (let i = 0; i < 200; i++) {
      const peers = await downloader.client.peers({})
      if ([...want].every(id => peers.some(p => p.peerId === id))) break
      await sleep(25)
    }
    const started = performance.now()
    await downloader.client.download({ link: swarm.link, outDir })
    await waitForTransfer(downloader, swarm.root, t => t.state === 'done', { timeoutMs: 60_000 + bytes / (MiB / 2) * 1000, pollMs: 25 })
    return bytes / ((performance.now() - started) / 1000)
  } finally {
    await downloader.stop()
    remove(outDir)
  }
}

export async function swarmingBench (cfg: BenchConfig): Promise<Row[]> {
  const bytes = cfg.swarmBytes
  const rate = cfg.swarmRate
  const dir = subDir('swarming')
  progress(`swarming: writing a ${size(bytes)} random file; each seeder capped at ${rate / MiB} MiB/s`)
  const file = await randomFile(dir, 'swarm.bin', bytes)
  const swarms: Swarm[] = []
  try {
    for (const n of SEEDER_COUNTS) swarms.push(await startSwarm(n, file, rate))
    const rates = new Map<number, number[]>(SEEDER_COUNTS.map(n => [n, []]))
    for (let i = 0; i < cfg.runs && !wasInterrupted(); i++) {
      // Rotate the order of seeder counts between runs.
      const order = swarms.map((_, k) => swarms[(k + i) % swarms.length])
      for (const s of order) rates.get(s.n)!.push(await downloadFrom(s, bytes))
      progress(`swarming run ${i + 1}/${cfg.runs}: ${SEEDER_COUNTS.map(n => `${n} seeder(s) ${(rates.get(n)!.at(-1)! / rate).toFixed(2)} R`).join(', ')}`)
    }
    return SEEDER_COUNTS.map(n => {
      const rs = rates.get(n)!
      return {
        bench: '4 swarming',
        measure: `${n} seeder${n > 1 ? 's' : ''}, each capped at R = ${rate / MiB} MiB/s, ${size(bytes)}`,
        value: round(median(rs) / MiB, 1),
        unit: 'MiB/s',
        baseline: rate / MiB,
        baselineLabel: 'R',
        ratio: round(median(rs) / rate, 3),
        target: n === 4 ? 3.5 : undefined,
        kind: n === 4 ? 'ratio-min' : 'info',
        runs: rs.map(r => round(r / MiB, 1))
      } satisfies Row
    })
  } finally {
    await Promise.all(swarms.flatMap(s => s.seeders.map(async d => await d.stop())))
    remove(dir)
  }
}
