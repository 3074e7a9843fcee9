/**
 * Benchmark 7 (large shares): a folder of many small files (100,000; 10,000
 * with --quick) and one sparse file of 64 GiB (4 GiB with --quick), each
 * shared and downloaded between two daemons started under `ulimit -n 256`,
 * on loopback. For each: share time against a plain pass over the same bytes
 * (SHA-256 of every file for the folder; a plain read for the sparse file,
 * whose zero-filled chunks PeerShare recognises rather than hashes), time to
 * the first verified chunk, full download time against a plain copy of the
 * tree (the folder) or a bare libp2p stream of the same bytes (the file),
 * and both daemons' peak RSS against an idle daemon's, all measured in the
 * same run. The folder's copy is checked byte-identical; a picked subfolder
 * is downloaded too. The sparse file's full download needs its size free on
 * disk; without it, its first chunk is fetched, and the full download is
 * timed for the largest power-of-two size that fits, as the note says.
 */
import { statfs, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { shareAndWait, type ShareView, type TransferView } from '../shared/index.js'
import { treeFingerprint, writeManyFiles } from '../test/support/many-files.js'
import { wasInterrupted } from './support/cleanup.js'
import { progress, privateNetwork, size, type BenchConfig } from './support/context.js'
import { startDaemon, type BenchDaemon } from './support/daemon.js'
import { remove, subDir } from './support/files.js'
import { GiB, MiB, memoryOf } from './support/proc-stats.js'
import { round } from './support/stats.js'
import { runWorker, startWorker } from './support/worker.js'
import type { Row } from './support/report.js'

const DESCRIPTORS = 256
const BENCH = '7 large shares'

/** What one download measured. */
interface Fetched {
  readonly firstChunkMs: number
  readonly ms: number
  readonly view: TransferView
}

export async function largeSharesBench (cfg: BenchConfig): Promise<Row[]> {
  const idle = await idleRss()
  progress(`large shares: an idle daemon holds ${mib(idle)} MiB`)
  const rows: Row[] = []
  if (!wasInterrupted() && cfg.manyFiles > 0) rows.push(...await manyFilesRun(cfg.manyFiles, idle))
  if (!wasInterrupted() && cfg.hugeBytes > 0) rows.push(...await hugeFileRun(cfg.hugeBytes, idle))
  return rows
}

/** An idle daemon's RSS, under the same descriptor limit: the memory baseline. */
async function idleRss (): Promise<number> {
  const d = await startDaemon({ name: 'idle', network: privateNetwork('idle'), maxOpenFiles: DESCRIPTORS })
  try {
    await sleep(3000)
    return memoryOf(d.pid)?.rss ?? NaN
  } finally {
    await d.stop()
  }
}

async function manyFilesRun (count: number, idle: number): Promise<Row[]> {
  const dir = subDir('many-files')
  const folder = join(dir, 'photos')
  const folders = Math.ceil(count / 100)
  progress(`large shares: writing ${count} files in ${folders} folders`)
  await writeManyFiles(folder, folders, 100)
  const network = privateNetwork('many-files')
  const sharer = await startDaemon({ name: 'sharer', network, maxOpenFiles: DESCRIPTORS, startTimeoutMs: 60_000 })
  const downloader = await startDaemon({ name: 'downloader', network, bootstrap: [sharer.addr], maxOpenFiles: DESCRIPTORS, startTimeoutMs: 60_000 })
  try {
    const plainHash = await runWorker<{ ms: number }>('tree-pass', ['hash', folder], 3_600_000)
    const { share, ms: shareMs } = await timedShare(sharer, folder)
    progress(`large shares: ${count} files shared in ${secs(shareMs)} s (plain SHA-256 pass ${secs(plainHash.ms)} s)`)

    const started = performance.now()
    const info = await downloader.client.lookup({ link: share.link })
    const lookupMs = performance.now() - started
    if (info.files.length !== count) throw new Error(`lookup listed ${info.files.length} of ${count} files`)

    const picked = await fetchAll(downloader, share, subDir('picked'), [info.files[info.files.length - 1].path.split('/').slice(0, 2).join('/')])
    await downloader.client.forget({ id: picked.view.id })
    progress(`large shares: a picked folder of 100 files in ${secs(picked.ms)} s; looked up in ${secs(lookupMs)} s`)

    const out = subDir('many-out')
    const all = await fetchAll(downloader, share, out)
    progress(`large shares: ${count} files downloaded in ${secs(all.ms)} s (first chunk after ${all.firstChunkMs.toFixed(0)} ms)`)
    const [theirs, ours] = [await treeFingerprint(folder), await treeFingerprint(join(out, 'photos'))]
    if (theirs.digest !== ours.digest || theirs.files !== ours.files) throw new Error(`the downloaded tree differs: ${ours.files} files, ${theirs.files} expected`)
    const copyDest = subDir('many-copy')
    const plainCopy = await runWorker<{ ms: number }>('tree-pass', ['copy', folder, copyDest], 3_600_000)
    remove(copyDest)

    const what = `${count.toLocaleString('en-US')} files`
    return [
      timeRow(`share ${what}`, shareMs, plainHash.ms, 'plain SHA-256 of every file'),
      { bench: BENCH, measure: `look up ${what} (listing fetched)`, value: round(lookupMs / 1000, 2), unit: 's', kind: 'info' },
      { bench: BENCH, measure: `time to first byte, ${what}`, value: round(all.firstChunkMs / 1000, 2), unit: 's', kind: 'info', note: 'from the download call to the first verified chunk on disk' },
      timeRow(`download ${what}, byte-identical`, all.ms, plainCopy.ms, 'plain copy of the tree', `a picked folder of 100 files: ${secs(picked.ms)} s`),
      ...rssRows(what, sharer, downloader, idle)
    ]
  } finally {
    await downloader.stop()
    await sharer.stop()
    remove(dir)
  }
}

async function hugeFileRun (bytes: number, idle: number): Promise<Row[]> {
  const dir = subDir('huge')
  const file = join(dir, 'disk.img')
  await writeFile(file, '')
  await truncate(file, bytes)
  const network = privateNetwork('huge')
  const sharer = await startDaemon({ name: 'sharer', network, maxOpenFiles: DESCRIPTORS })
  const downloader = await startDaemon({ name: 'downloader', network, bootstrap: [sharer.addr], maxOpenFiles: DESCRIPTORS })
  const sink = startWorker('bare-stream', ['sink'])
  try {
    const plainRead = await runWorker<{ ms: number }>('tree-pass', ['read', file], 3_600_000)
    const { share, ms: shareMs } = await timedShare(sharer, file)
    progress(`large shares: ${size(bytes)} shared in ${secs(shareMs)} s (plain read ${secs(plainRead.ms)} s)`)
    const out = subDir('huge-out')
    const free = await freeBytes(out)
    const what = size(bytes)
    const rows: Row[] = [timeRow(`share one ${what} file (sparse: zeros)`, shareMs, plainRead.ms, 'plain read of the file')]
    const { addr } = await sink.next<{ addr: string }>()
    if (free < bytes * 1.05 + 4 * GiB) {
      // Not enough disk for the copy (a download does not start without room for what it fetches):
      // time to first byte and the full download at the largest size that fits.
      // At most 16 GiB: the disk is shared, and the figure scales.
      const fits = Math.min(16 * GiB, 2 ** Math.floor(Math.log2(Math.max(GiB, (free - 4 * GiB) / 1.05))))
      const smaller = join(dir, 'smaller.img')
      await writeFile(smaller, '')
      await truncate(smaller, fits)
      const small = await timedShare(sharer, smaller)
      const all = await fetchAll(downloader, small.share, out)
      progress(`large shares: ${size(fits)} downloaded in ${secs(all.ms)} s, first chunk after ${all.firstChunkMs.toFixed(0)} ms (${size(free)} free: too little for ${what})`)
      remove(out)
      const bare = await runWorker<{ ms: number }>('bare-stream', ['source', addr, String(fits)], 3_600_000)
      rows.push({ bench: BENCH, measure: `time to first byte, ${size(fits)}`, value: round(all.firstChunkMs / 1000, 2), unit: 's', kind: 'info', note: `from the download call to the first verified chunk on disk; the ${what} file's download does not start here (${size(free)} free)` })
      rows.push(timeRow(`download one ${size(fits)} file, verified, to disk`, all.ms, bare.ms, 'bare libp2p stream of the bytes', `the ${what} file's full download needs ${what} free on disk; ${size(free)} was`))
    } else {
      const all = await fetchAll(downloader, share, out)
      progress(`large shares: ${what} downloaded in ${secs(all.ms)} s (first chunk after ${all.firstChunkMs.toFixed(0)} ms)`)
      remove(out)
      const bare = await runWorker<{ ms: number }>('bare-stream', ['source', addr, String(bytes)], 3_600_000)
      rows.push({ bench: BENCH, measure: `time to first byte, ${what}`, value: round(all.firstChunkMs / 1000, 2), unit: 's', kind: 'info', note: 'from the download call to the first verified chunk on disk' })
      rows.push(timeRow(`download one ${what} file, verified, to disk`, all.ms, bare.ms, 'bare libp2p stream of the bytes'))
    }
    rows.push(...rssRows(what, sharer, downloader, idle))
    return rows
  } finally {
    await sink.stop()
    await downloader.stop()
    await sharer.stop()
    remove(dir)
  }
}

async function timedShare (d: BenchDaemon, path: string): Promise<{ share: ShareView, ms: number }> {
  const started = performance.now()
  const share = await shareAndWait(d.client, path, { intervalMs: 100 })
  return { share, ms: performance.now() - started }
}

/** Downloads (the picked paths of) a share, noting when its first chunk was verified. */
async function fetchAll (d: BenchDaemon, share: ShareView, outDir: string, files?: string[]): Promise<Fetched> {
  const started = performance.now()
  const begun = await d.client.download({ link: share.link, outDir, ...(files == null ? {} : { files }) })
  let firstChunkMs = NaN
  const deadline = started + 3 * 3_600_000
  while (performance.now() < deadline && !wasInterrupted()) {
    const view = (await d.client.transfers({})).find(t => t.id === begun.id)
    // A forced pause (a full disk) ends the run as a failure does.
    if (view?.state === 'failed' || (view?.state === 'paused' && view.error != null)) throw new Error(`download ${view.state}: ${view.error?.message}`)
    if (view != null && Number.isNaN(firstChunkMs) && (view.chunksDone > 0 || view.state === 'done')) firstChunkMs = performance.now() - started
    if (view?.state === 'done') return { firstChunkMs, ms: performance.now() - started, view }
    await sleep(firstChunkMs > 0 ? 500 : 20)
  }
  throw new Error(`the download of ${share.name} did not finish`)
}

function timeRow (measure: string, ms: number, baselineMs: number, baselineLabel: string, note?: string): Row {
  return { bench: BENCH, measure, value: round(ms / 1000, 2), unit: 's', baseline: round(baselineMs / 1000, 2), baselineLabel, ratio: round(ms / baselineMs, 2), kind: 'info', ...(note == null ? {} : { note }) }
}

function rssRows (what: string, sharer: BenchDaemon, downloader: BenchDaemon, idle: number): Row[] {
  return [sharer, downloader].map(d => {
    const peak = memoryOf(d.pid)?.peak ?? NaN
    return { bench: BENCH, measure: `${d.name} peak RSS, ${what}`, value: round(peak / MiB, 1), unit: 'MiB', baseline: round(idle / MiB, 1), baselineLabel: 'idle daemon', ratio: round(peak / idle, 2), kind: 'info' as const }
  })
}

async function freeBytes (dir: string): Promise<number> {
  const s = await statfs(dir)
  return Number(s.bavail) * Number(s.bsize)
}

function secs (ms: number): string {
  return (ms / 1000).toFixed(1)
}

function mib (bytes: number): string {
  return (bytes / MiB).toFixed(0)
}
