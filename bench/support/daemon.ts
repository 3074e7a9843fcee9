/**
 * PeerShare daemons as child processes for the benchmarks: the real CLI
 * (`peershare daemon --json`) on the Node that runs the suite, each from its
 * own profile under the bench folder, listening on 127.0.0.1 only, mDNS off,
 * on the run's private DHT network. The bench drives them through their
 * loopback API, as the CLI and the UI do.
 */
import { NODE_FLAGS } from '../../electron/cli/node-flags.js'
import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { profilePath } from '../../electron/core/index.js'
import { connectApi, type ApiClient } from '../../electron/host/index.js'
import type { TransferView } from '../../shared/index.js'
import { stopProcess, trackProcess } from './cleanup.js'
import { subDir } from './files.js'

/** The compiled CLI, relative to this file in dist/bench/support/. */
const CLI_PATH = fileURLToPath(new URL('../../electron/cli/main.js', import.meta.url))
const TAIL_CHARS = 16 * 1024

export interface DaemonOptions {
  name: string
  network: string
  bootstrap?: readonly string[]
  /** --upload-limit, bytes per second. */
  uploadLimit?: number
  /** Node flags placed before the script, e.g. ['--cpu-prof', '--cpu-prof-dir=…']. */
  nodeArgs?: readonly string[]
  /** How long it may take to print its first line, ms; default 30 s. */
  startTimeoutMs?: number
  /** Start under `ulimit -n` of this many descriptors (through bash, which then becomes the daemon). */
  maxOpenFiles?: number
}

export interface BenchDaemon {
  readonly name: string
  readonly pid: number
  readonly peerId: string
  /** Its loopback TCP multiaddr with /p2p/. */
  readonly addr: string
  readonly profileDir: string
  readonly client: ApiClient
  /** From spawn to the first JSON line (engine started, API serving), ms. */
  readonly readyMs: number
  stop(): Promise<void>
  logTail(): string
}

/** Starts a daemon and waits until it serves its API. */
export async function startDaemon (options: DaemonOptions): Promise<BenchDaemon> {
  const profileDir = subDir(`profile-${options.name}`)
  const args = [
    // The daemon runs with the V8 flags every PeerShare launcher gives it.
    ...NODE_FLAGS, ...(options.nodeArgs ?? []), CLI_PATH, 'daemon',
    '--profile', profileDir,
    '--listen', '/ip4/127.0.0.1/tcp/0',
    '--no-mdns',
    '--network', options.network,
    ...(options.bootstrap ?? []).flatMap(a => ['--bootstrap', a]),
    ...(options.uploadLimit != null ? ['--upload-limit', String(options.uploadLimit)] : []),
    '--json'
  ]
  const started = performance.now()
  const [command, commandArgs] = options.maxOpenFiles == null
    ? [process.execPath, args]
    : ['bash', ['-c', `ulimit -n ${options.maxOpenFiles} && exec "$0" "$@"`, process.execPath, ...args]]
  const proc = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBUG: process.env.PEERSHARE_BENCH_DEBUG ?? '' } })
  trackProcess(proc)
  let tail = ''
  proc.stderr!.setEncoding('utf8')
  proc.stderr!.on('data', (t: string) => { tail = (tail + t).slice(-TAIL_CHARS) })

  const line = await firstLine(proc, options.startTimeoutMs ?? 30_000, () => tail)
  const readyMs = performance.now() - started
  const info = JSON.parse(line) as { peerId: string, addrs: string[], api: string }
  const addr = info.addrs.find(a => a.startsWith('/ip4/127.0.0.1/tcp/') && !a.includes('/ws'))
  if (addr == null) throw new Error(`${options.name} has no loopback TCP address: ${line}`)
  const secret = (await readFile(profilePath(profileDir, 'secret'), 'utf8')).trim()
  const client = connectApi({ url: info.api, secret })
  return {
    name: options.name,
    pid: proc.pid!,
    peerId: info.peerId,
    addr,
    profileDir,
    client,
    readyMs,
    async stop () {
      client.close()
      await stopProcess(proc)
    },
    logTail: () => tail
  }
}

async function firstLine (proc: ChildProcess, timeoutMs: number, tail: () => string): Promise<string> {
  return await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! })
    const fail = (why: string): void => {
      clearTimeout(timer)
      proc.kill('SIGKILL')
      reject(new Error(`daemon did not start: ${why}\n${tail().slice(-4000)}`))
    }
    const timer = setTimeout(() => fail(`no output within ${timeoutMs} ms`), timeoutMs)
    lines.once('line', l => { clearTimeout(timer); resolve(l) })
    proc.once('exit', (code, signal) => { setTimeout(() => fail(`exited (${code ?? signal})`), 100) })
  })
}

export interface WaitOptions {
  /** Give up after this long, ms. */
  timeoutMs: number
  /** Poll interval, ms; default 25. */
  pollMs?: number
}

/** Polls a daemon's transfer of `root` until `until` holds; throws if it fails or time runs out. */
export async function waitForTransfer (d: BenchDaemon, root: string, until: (t: TransferView) => boolean, options: WaitOptions): Promise<TransferView> {
  const deadline = performance.now() + options.timeoutMs
  while (performance.now() < deadline) {
    const t = (await d.client.transfers({})).find(x => x.root === root)
    if (t != null && until(t)) return t
    if (t?.state === 'failed') throw new Error(`${d.name}: transfer failed: ${t.error?.message}`)
    await sleep(options.pollMs ?? 25)
  }
  throw new Error(`${d.name}: transfer of ${root} not finished within ${options.timeoutMs} ms`)
}
