/**
 * `npm run soak -- [--minutes N] [--nodes N]`: ten PeerShare daemons on
 * loopback for N minutes (default 10), downloading random files from each
 * other in all directions, while a nemesis kills (SIGKILL) and restarts,
 * gracefully restarts, stalls (SIGSTOP) and partitions (iptables, where it
 * works) nodes at random, and two hostile peers do what the hostile-peer
 * tests do: never-ending length prefixes, unread chunk streams, held
 * connections, silent sockets and a drip-feeding seeder. At the end, with
 * every node back, it checks that every transfer started either finished
 * byte for byte or says why not, that no file outside a download folder
 * changed, and that no node's memory passed the stated bound. It prints a
 * summary and exits non-zero on any violation.
 */
import { execFile } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import type { Libp2p } from '@libp2p/interface'
import { memoryOf, MiB } from '../../bench/support/proc-stats.js'
import type { TransferView } from '../../shared/views.js'
import {
  cleanupAll, createRawNode, dialAddr, dripFeedingSeeder, holdConnections, overlongPrefix, randomFile, registerCleanup,
  sha256File, silentSockets, startDaemon, targetOf, tempDir, uniqueNetwork, unreadChunkStreams, type Daemon
} from '../support/index.js'
import { Nemesis } from './nemesis.js'
import { formatSummary, type SoakSummary } from './summary.js'
import { shareAndWait } from '../../shared/index.js'

const run = promisify(execFile)

/** Memory bound per daemon: several times an idle node's (about 120 MiB here), far above an honest one under load. */
const MEMORY_BOUND = 512 * MiB
/** How long the transfers get to finish once the nemesis and the hostile peers have stopped. */
const DRAIN_MS = 4 * 60_000

interface Args { minutes: number, nodes: number }

function parseArgs (argv: string[]): Args {
  const args: Args = { minutes: 10, nodes: 10 }
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]]
    if (flag === '--minutes' && Number(value) > 0) { args.minutes = Number(value); i++ } else if (flag === '--nodes' && Number(value) >= 3) { args.nodes = Math.floor(Number(value)); i++ } else throw new Error(`usage: npm run soak -- [--minutes N] [--nodes N (at least 3)]; got ${flag}`)
  }
  return args
}

/** A file a node shares: where it is, what it hashes to, its link. */
interface Seed { readonly owner: number, readonly path: string, readonly sha256: string, readonly root: string, readonly link: string, readonly name: string }
/** A download the soak started: who, what, where it should land. */
interface Started { readonly node: number, readonly seed: Seed, readonly outDir: string, readonly at: number }

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]

async function main (): Promise<number> {
  const args = parseArgs(process.argv.slice(2))
  const startedAt = Date.now()
  const log = (msg: string): void => { process.stderr.write(`[soak ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(5)} s] ${msg}\n`) }
  const violations: string[] = []
  const network = uniqueNetwork()

  // ── Nodes, each with its own files and download folder ──
  const nodes: Daemon[] = []
  // A loaded machine can take a while to start a node: the soak waits longer than the tests do.
  nodes.push(await startDaemon({ name: 'node-0', network, startTimeoutMs: 90_000 }))
  for (let i = 1; i < args.nodes; i++) nodes.push(await startDaemon({ name: `node-${i}`, network, bootstrap: [dialAddr(nodes[0])], startTimeoutMs: 90_000 }))
  const outDirs = await Promise.all(nodes.map(async (_, i) => await tempDir(`soak-out-${i}`)))
  const canary = await tempDir('soak-canary')
  await randomFile(canary, 256 * 1024, 'canary.bin')
  const seeds: Seed[] = []
  for (const [i, d] of nodes.entries()) {
    const dir = await tempDir(`soak-data-${i}`)
    for (let k = 0; k < 4; k++) {
      const f = await randomFile(dir, Math.floor((0.5 + Math.random() * 5.5) * MiB), `n${i}-f${k}.bin`)
      const share = await shareAndWait(d.client, f.path, { public: true })
      seeds.push({ owner: i, path: f.path, sha256: f.sha256, root: share.root, link: share.link, name: `n${i}-f${k}.bin` })
    }
  }
  log(`${nodes.length} nodes up, ${seeds.length} files shared`)
  // The soak's minutes start once every node is up: starting them on a loaded machine takes a while.
  const endsAt = Date.now() + args.minutes * 60_000
  // What every file outside the download folders hashes to now, to check nothing there changed.
  const outside = new Map<string, string>([...seeds.map(s => [s.path, s.sha256] as const)])
  for (const name of await readdir(canary)) outside.set(join(canary, name), await sha256File(join(canary, name)))

  // ── Memory, sampled all along ──
  const peaks = new Map<string, number>()
  const memory = setInterval(() => {
    for (const d of nodes) {
      const m = d.proc.pid == null ? undefined : memoryOf(d.proc.pid)
      if (m != null && Number.isFinite(m.rss)) peaks.set(d.name, Math.max(peaks.get(d.name) ?? 0, m.rss))
    }
  }, 2_000)

  // ── Two hostile peers: one attacks with items 1–4, one seeds a share by drip-feeding it ──
  const hostile = await createRawNode()
  const dripSeed = pick(seeds)
  const drip = await dripFeedingSeeder(targetOf(dialAddr(nodes[dripSeed.owner])), dripSeed.root, { dripMs: 2_000 })
  const attacks = { overlongPrefix: 0, unreadStreams: 0, heldConnections: 0, silentSockets: 0, dripLinks: 0 }
  // Who a PeerId in a node's message is: a node, or one of the hostile peers.
  const names = new Map<string, string>([...nodes.map(d => [d.peerId, d.name] as const), [hostile.peerId.toString(), 'the hostile peer'], [drip.node.peerId.toString(), 'the drip-feeding seeder']])
  const named = (text: string): string => text.replace(/12D3KooW[1-9A-HJ-NP-Za-km-z]+/g, id => names.has(id) ? `${id} (${names.get(id)})` : id)
  let stopping = false
  const attacker = (async () => {
    while (!stopping && Date.now() < endsAt) {
      const victim = pick(nodes)
      if (victim.exited) { await sleep(1_000); continue }
      const target = targetOf(dialAddr(victim))
      const kind = pick(['overlongPrefix', 'unreadStreams', 'heldConnections', 'silentSockets'] as const)
      try {
        if (kind === 'overlongPrefix') {
          await overlongPrefix(hostile, target, pick(['/peershare/manifest/1.0.0', '/peershare/have/1.0.0', '/peershare/chunk/1.0.0']), { prefixBytes: 9, floodBytes: 2 * MiB })
        } else if (kind === 'unreadStreams') {
          const seed = pick(seeds.filter(s => s.owner === nodes.indexOf(victim)))
          const streams = await unreadChunkStreams(hostile, target, seed.root, 1, { streams: 8, requests: 32 })
          await sleep(15_000)
          for (const s of streams) s.abort(new Error('soak: done holding'))
        } else if (kind === 'heldConnections') {
          await holdConnections(hostile, target, 100, { deadlineMs: 30_000 })
          await sleep(10_000)
          for (const c of hostile.getConnections().filter(c => c.remotePeer.toString() === victim.peerId)) c.abort(new Error('soak: done holding'))
        } else {
          const [, , host, , port] = dialAddr(victim).split('/')
          const silent = silentSockets(host, Number(port), { count: 10, localAddress: '127.0.0.2', everyMs: 1_000 })
          await sleep(15_000)
          silent.stop()
        }
        attacks[kind]++
      } catch (err) {
        // A victim the nemesis has stopped meanwhile refuses: that is not the node failing.
        log(`hostile ${kind} on ${victim.name}: ${(err as Error).message.slice(0, 120)}`)
      }
      await sleep(2_000 + Math.random() * 3_000)
    }
  })()

  // ── The nemesis ──
  // A restarted node joins through nodes that are up and undisturbed now.
  const bootstrap = (): string[] => nodes.filter((d, i) => !d.exited && !nemesis.isDisturbed(i)).slice(0, 3).map(d => dialAddr(d))
  const nemesis: Nemesis = new Nemesis({ nodes, log, bootstrap })
  await nemesis.start()
  registerCleanup('nemesis: undo partitions and stalls', async () => { await nemesis.stop() })

  // ── Transfers in all directions ──
  const started: Started[] = []
  const pairs = new Set<string>()
  while (Date.now() < endsAt) {
    await sleep(3_000 + Math.random() * 4_000)
    const i = Math.floor(Math.random() * nodes.length)
    const d = nodes[i]
    const choices = seeds.filter(s => s.owner !== i && !pairs.has(`${i}:${s.root}`))
    if (choices.length === 0 || d.exited || nemesis.isDisturbed(i)) continue
    const seed = pick(choices)
    // Downloads of the drip-fed share list the drip-feeder first, so it is asked for chunks.
    const link = seed.root === dripSeed.root ? seed.link.replace('?', `?peer=${encodeURIComponent(drip.addr)}&`) : seed.link
    if (seed.root === dripSeed.root) attacks.dripLinks++
    try {
      await d.client.download({ link, outDir: outDirs[i] })
      pairs.add(`${i}:${seed.root}`)
      started.push({ node: i, seed, outDir: outDirs[i], at: Date.now() })
    } catch (err) {
      log(`could not start a download on ${d.name}: ${(err as Error).message.slice(0, 120)}`)
    }
  }

  // ── Calm: everything back, then the transfers get time to finish ──
  log(`stopping the nemesis and the hostile peers; ${started.length} transfers started`)
  stopping = true
  await nemesis.stop()
  await attacker
  await Promise.all([hostile, drip.node].map(async (n: Libp2p) => { try { await n.stop() } catch {} }))
  const calmUntil = Date.now() + DRAIN_MS
  let views = new Map<string, TransferView>()
  while (Date.now() < calmUntil) {
    views = await collectViews(nodes, started)
    const pending = started.filter(s => !settled(views.get(key(s))))
    if (pending.length === 0) break
    log(`${pending.length} transfers still running`)
    await sleep(10_000)
  }
  clearInterval(memory)

  // ── Checks ──
  const outcomes = { done: 0, failed: 0, paused: 0, unfinished: 0, missing: 0 }
  const reasons = new Map<string, number>()
  const examples = new Map<string, string>()
  for (const s of started) {
    const v = views.get(key(s))
    const who = `${nodes[s.node].name} ← ${s.seed.name}`
    if (v == null) {
      outcomes.missing++
      violations.push(`${who}: the transfer is gone from the node's list`)
    } else if (v.state === 'done') {
      outcomes.done++
      if (v.path == null || !v.path.startsWith(`${s.outDir}/`)) violations.push(`${who}: done, but at ${v.path}, outside ${s.outDir}`)
      else if (await sha256File(v.path) !== s.seed.sha256) violations.push(`${who}: done, but the bytes differ`)
    } else if (v.state === 'failed' || v.state === 'paused') {
      outcomes[v.state]++
      const why = v.error?.message ?? ''
      if (why === '') violations.push(`${who}: ${v.state} without saying why`)
      const code = `${v.state}: ${v.error?.code ?? 'no code'}`
      reasons.set(code, (reasons.get(code) ?? 0) + 1)
      if (!examples.has(code)) examples.set(code, `${who}: ${named(why)}`)
    } else {
      outcomes.unfinished++
      violations.push(`${who}: still ${v.state} at ${v.chunksDone}/${v.chunkCount} after ${DRAIN_MS / 60_000} calm minutes`)
    }
  }
  for (const [file, sha] of outside) {
    const now = await sha256File(file).catch(() => '(gone)')
    if (now !== sha) violations.push(`${file}, outside every download folder, changed`)
  }
  for (const [name, peak] of peaks) if (peak > MEMORY_BOUND) violations.push(`${name} reached ${(peak / MiB).toFixed(0)} MiB, over the bound of ${MEMORY_BOUND / MiB} MiB`)

  const summary: SoakSummary = {
    minutes: args.minutes,
    nodes: nodes.length,
    transfers: started.length,
    outcomes,
    reasons: Object.fromEntries(reasons),
    examples: [...examples.values()],
    nemesis: nemesis.counts(),
    partitions: nemesis.partitionNote(),
    attacks,
    memoryBoundMiB: MEMORY_BOUND / MiB,
    peakMiB: Object.fromEntries([...peaks].map(([n, p]) => [n, Math.round(p / MiB)])),
    load: (await run('cat', ['/proc/loadavg'])).stdout.trim(),
    violations
  }
  process.stdout.write(formatSummary(summary))
  return violations.length === 0 ? 0 : 1
}

/** One key per transfer: the node and the root. */
function key (s: Pick<Started, 'node' | 'seed'>): string {
  return `${s.node}:${s.seed.root}`
}

function settled (v: TransferView | undefined): boolean {
  return v != null && (v.state === 'done' || v.state === 'failed' || v.state === 'paused')
}

/** Every started transfer's view, from each node's own list. */
async function collectViews (nodes: readonly Daemon[], started: readonly Started[]): Promise<Map<string, TransferView>> {
  const out = new Map<string, TransferView>()
  for (const [i, d] of nodes.entries()) {
    const list = await d.client.transfers({}).catch(() => [] as TransferView[])
    for (const v of list) if (started.some(s => s.node === i && s.seed.root === v.root)) out.set(`${i}:${v.root}`, v)
  }
  return out
}

let code = 1
const stopAll = async (): Promise<void> => { await cleanupAll() }
process.once('SIGINT', () => { void stopAll().finally(() => process.exit(130)) })
try {
  code = await main()
} catch (err) {
  process.stderr.write(`soak failed: ${(err as Error).stack ?? String(err)}\n`)
} finally {
  await stopAll()
}
process.exit(code)
