/**
 * `npm run bench`: PeerShare's benchmark suite. Every figure is the median
 * of several runs, next to a baseline measured in the same run on the same
 * machine (these machines are shared and noisy). Prints one table, or JSON
 * with --json; a missed target is reported, never an exit code.
 *
 *   npm run bench [-- --quick] [--json] [--only transfer,memory,sharing,swarming,discovery,idle,large,access]
 *                 [--out FILE.json] [--cpu-prof DIR] [--runs N]
 *
 * Progress goes to stderr. Every process started is stopped and every temp
 * file deleted at the end, on error and on Ctrl-C.
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { cleanupAll, installSignalHandlers } from './support/cleanup.js'
import { configFor, progress, size } from './support/context.js'
import { GiB } from './support/proc-stats.js'
import { formatTable, machine, met, missedTargets, type Row } from './support/report.js'
import { accessBench } from './access.js'
import { discoveryBench } from './discovery.js'
import { idleBench } from './idle.js'
import { largeSharesBench } from './large-shares.js'
import { memoryBench } from './memory.js'
import { sharingBench } from './sharing.js'
import { swarmingBench } from './swarming.js'
import { transferBench } from './transfer.js'

const BENCHES = ['idle', 'sharing', 'transfer', 'memory', 'swarming', 'discovery', 'large', 'access'] as const
type BenchName = typeof BENCHES[number]

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    json: { type: 'boolean' },
    only: { type: 'string' },
    out: { type: 'string' },
    'cpu-prof': { type: 'string' },
    runs: { type: 'string' },
    'many-files': { type: 'string' },
    'huge-gib': { type: 'string' },
    help: { type: 'boolean', short: 'h' }
  }
})
if (values.help === true) {
  process.stdout.write('usage: npm run bench [-- --quick] [--json] [--only transfer,memory,sharing,swarming,discovery,idle,large,access] [--out FILE.json] [--cpu-prof DIR] [--runs N] [--many-files N] [--huge-gib N]\n')
  process.exit(0)
}
const only = new Set((values.only?.split(',').map(s => s.trim()).filter(s => s !== '') ?? BENCHES) as BenchName[])
for (const name of only) if (!(BENCHES as readonly string[]).includes(name)) throw new Error(`unknown benchmark "${name}"; choose from ${BENCHES.join(', ')}`)
// The memory benchmark compares against the transfer benchmark's downloader.
if (only.has('memory')) only.add('transfer')
const base = configFor(values.quick === true, values['cpu-prof'] == null ? undefined : resolve(values['cpu-prof']))
// --runs N overrides the runs per figure (for iterating on one benchmark).
const runs = values.runs == null ? base : { ...base, runs: Number(values.runs), bigRuns: Math.min(base.bigRuns, Number(values.runs)) }
// --many-files N and --huge-gib N size benchmark 7's folder and sparse file; 0 skips that part.
const cfg = {
  ...runs,
  manyFiles: values['many-files'] == null ? runs.manyFiles : wholeNumber('--many-files', values['many-files']),
  hugeBytes: values['huge-gib'] == null ? runs.hugeBytes : wholeNumber('--huge-gib', values['huge-gib']) * GiB
}

function wholeNumber (flag: string, value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} takes a whole number, 0 or more; got "${value}"`)
  return n
}

installSignalHandlers()
const started = Date.now()
const rows: Row[] = []
const errors: string[] = []
progress(`${cfg.quick ? 'quick' : 'full'} run: transfer ${size(cfg.transferBytes)}, memory ${size(cfg.bigBytes)}, ${cfg.runs} runs per figure, ${cfg.dhtNodes}-node DHT; ${machine().cpus as number} CPUs`)

async function step (name: BenchName, fn: () => Promise<Row[]>): Promise<void> {
  if (!only.has(name)) return
  const t0 = Date.now()
  progress(`— ${name} —`)
  try {
    rows.push(...await fn())
  } catch (err) {
    // One broken benchmark must not hide the others' figures.
    errors.push(`${name}: ${(err as Error).stack ?? String(err)}`)
    progress(`${name} failed: ${(err as Error).message}`)
  }
  progress(`${name} took ${((Date.now() - t0) / 1000).toFixed(0)} s`)
}

try {
  await step('idle', async () => await idleBench(cfg))
  await step('sharing', async () => await sharingBench(cfg))
  let smallPeak = NaN
  await step('transfer', async () => {
    const r = await transferBench(cfg)
    smallPeak = r.peakRss
    return r.rows
  })
  await step('memory', async () => await memoryBench(cfg, smallPeak))
  await step('swarming', async () => await swarmingBench(cfg))
  await step('discovery', async () => await discoveryBench(cfg))
  await step('large', async () => await largeSharesBench(cfg))
  await step('access', async () => await accessBench(cfg))
} finally {
  await cleanupAll()
}

const result = {
  mode: cfg.quick ? 'quick' : 'full',
  startedAt: new Date(started).toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine: machine(),
  rows: rows.map(r => ({ ...r, met: met(r) ?? null })),
  errors
}
if (values.out != null) writeFileSync(resolve(values.out), `${JSON.stringify(result, null, 2)}\n`)
if (values.json === true) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
} else {
  process.stdout.write(`\nPeerShare benchmarks (${result.mode}, ${result.durationSeconds} s, ${String(result.machine.cpus)} × ${String(result.machine.cpuModel)}, Node ${process.version})\n\n`)
  process.stdout.write(`${formatTable(rows)}\n\n`)
  for (const r of rows) if (r.note != null) process.stdout.write(`note (${r.bench}): ${r.note}\n`)
  for (const line of missedTargets(rows)) process.stdout.write(`${line}\n`)
  for (const e of errors) process.stdout.write(`benchmark error: ${e.split('\n')[0]}\n`)
}
process.exit(0)
