/**
 * `node dist/test/soak/attack-probe.js [--seconds N]`: a daemon's memory and
 * API latency while a hostile peer does items 1–4 of the hostile-peer work
 * (never-ending length prefixes, unread chunk streams, 300 held connections,
 * silent sockets), one attack at a time against a fresh daemon, and whether
 * an honest peer is still served meanwhile. Prints one table; run it from a
 * build of any version to compare versions on the same machine.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { memoryOf, MiB } from '../../bench/support/proc-stats.js'
import {
  cleanupAll, createRawNode, dialAddr, holdConnections, overlongPrefix, randomFile, silentSockets, startDaemon,
  targetOf, tempDir, uniqueNetwork, unreadChunkStreams, type Daemon
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

interface Row {
  readonly item: string
  readonly rssBefore: number
  readonly rssPeak: number
  readonly rssAfter: number
  readonly apiMedianMs: number
  readonly apiMaxMs: number
  readonly honest: string
}

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) > 0 ? Number(process.argv[process.argv.indexOf('--seconds') + 1]) : 20

const rss = (d: Daemon): number => (d.proc.pid == null ? undefined : memoryOf(d.proc.pid)?.rss) ?? 0

/** Runs `attack` for `seconds` against a fresh seeder while sampling its memory and API latency. */
async function probe (item: string, attack: (seeder: Daemon, root: string) => Promise<() => Promise<string>>): Promise<Row> {
  const seeder = await startDaemon({ name: `seeder-${item.slice(0, 1)}`, network: uniqueNetwork(), startTimeoutMs: 90_000 })
  const share = await shareAndWait(seeder.client, (await randomFile(await tempDir('probe-data'), 16 * MiB, 'payload.bin')).path, { public: true })
  await sleep(2_000)
  const rssBefore = rss(seeder)
  let rssPeak = rssBefore
  const api: number[] = []
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      rssPeak = Math.max(rssPeak, rss(seeder))
      const t0 = Date.now()
      await seeder.client.status({}).catch(() => {})
      api.push(Date.now() - t0)
      await sleep(250)
    }
  })()
  const finish = await attack(seeder, share.root)
  await sleep(seconds * 1000)
  const honest = await finish()
  sampling = false
  await sampler
  await sleep(5_000)
  const rssAfter = rss(seeder)
  await seeder.stop()
  api.sort((a, b) => a - b)
  return { item, rssBefore, rssPeak, rssAfter, apiMedianMs: api[Math.floor(api.length / 2)] ?? NaN, apiMaxMs: api.at(-1) ?? NaN, honest }
}

/** Whether a fresh raw node on 127.0.0.1 can connect and open a stream within 10 s. */
async function honestConnects (seeder: Daemon): Promise<string> {
  const node = await createRawNode()
  try {
    await node.dial(targetOf(dialAddr(seeder)), { signal: AbortSignal.timeout(10_000) })
    return 'connects'
  } catch (err) {
    return `refused (${(err as Error).name})`
  } finally {
    await node.stop()
  }
}

const rows: Row[] = []
try {
  rows.push(await probe('1 over-long prefixes', async (seeder) => {
    const raw = await createRawNode()
    let going = true
    const loop = (async () => {
      while (going) {
        await Promise.all(['/peershare/manifest/1.0.0', '/peershare/have/1.0.0', '/peershare/chunk/1.0.0', '/peershare/chunk/1.0.0'].map(async p =>
          await overlongPrefix(raw, targetOf(dialAddr(seeder)), p, { prefixBytes: 9, floodBytes: 2 * MiB, waitMs: 5_000 }).catch(() => {})))
      }
    })()
    return async () => { const h = await honestConnects(seeder); going = false; await loop; await raw.stop(); return h }
  }))
  rows.push(await probe('2 unread chunk streams', async (seeder, root) => {
    const nodes: Array<Awaited<ReturnType<typeof createRawNode>>> = []
    for (let i = 0; i < 12; i++) {
      const n = await createRawNode()
      nodes.push(n)
      await unreadChunkStreams(n, targetOf(dialAddr(seeder)), root, 16, { streams: 8, requests: 64 }).catch(() => {})
      await sleep(250)
    }
    return async () => { const h = await honestConnects(seeder); await Promise.all(nodes.map(async n => { await n.stop() })); return h }
  }))
  rows.push(await probe('3 300 held connections', async (seeder) => {
    const hog = await createRawNode()
    await holdConnections(hog, targetOf(dialAddr(seeder)), 300)
    return async () => { const h = await honestConnects(seeder); await hog.stop(); return h }
  }))
  rows.push(await probe('4 silent sockets', async (seeder) => {
    const [, , host, , port] = dialAddr(seeder).split('/')
    const silent = silentSockets(host, Number(port), { count: 10, localAddress: '127.0.0.2', everyMs: 1_000 })
    await sleep(3_000)
    return async () => { const h = await honestConnects(seeder); silent.stop(); return h }
  }))
} finally {
  await cleanupAll()
}

const mib = (b: number): string => `${(b / MiB).toFixed(0)} MiB`
process.stdout.write(`\nattack (${seconds} s each)       RSS before  peak      after     API median/max   an honest peer\n`)
for (const r of rows) {
  process.stdout.write(`${r.item.padEnd(26)} ${mib(r.rssBefore).padEnd(11)} ${mib(r.rssPeak).padEnd(9)} ${mib(r.rssAfter).padEnd(9)} ${`${r.apiMedianMs}/${r.apiMaxMs} ms`.padEnd(16)} ${r.honest}\n`)
}
process.exit(0)
