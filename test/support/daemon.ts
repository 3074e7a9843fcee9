/**
 * Real PeerShare daemons as child processes, for multi-node integration
 * tests: each one runs the CLI (`peershare daemon --json`) with the Node that
 * runs the test, from its own temp profile, listening on loopback only, with
 * mDNS off and on the test file's private DHT network. The harness reads the
 * daemon's first stdout line ({ peerId, addrs, api }), its API secret, and
 * connects an API client to it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { chown, readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { connectApi } from '../../electron/host/api-client.js'
import { profilePath } from '../../electron/core/index.js'
import { registerCleanup, trackProcess } from './cleanup.js'
import { tempDir } from './files.js'

/** The compiled CLI entry point, next to this file in dist/. */
export const CLI_PATH = fileURLToPath(new URL('../../electron/cli/main.js', import.meta.url))

/** An API client as the headless host's client module builds it. */
export type DaemonClient = Awaited<ReturnType<typeof connectApi>>

export interface DaemonOptions {
  /** A label for logs and failure messages, e.g. 'seeder-1'. */
  name: string
  /** The private DHT network name; use one per test file (see uniqueNetwork()). */
  network: string
  /** Multiaddrs (with /p2p/) passed as --bootstrap. */
  bootstrap?: string[]
  /** Extra environment, e.g. { PEERSHARE_TEST_MISBEHAVE: 'corrupt' }. */
  env?: Record<string, string>
  /** --upload-limit in bytes per second. */
  uploadLimit?: number
  /** Any further CLI arguments. */
  extraArgs?: string[]
  /** Run from this existing profile instead of a new temp one (used by restart()). */
  profileDir?: string
  /** How long to wait for the first JSON line; default 20 s. */
  startTimeoutMs?: number
  /** Start under `ulimit -n` of this many descriptors (through bash), as on a desktop with a low limit. Default: the test's own limit. */
  maxOpenFiles?: number
  /** Run as this user and group (the test must be root); the new profile is given to them. Default: the test's own. */
  user?: { uid: number, gid: number }
}

/** A running daemon and what a test needs to drive it. */
export interface Daemon {
  readonly name: string
  readonly peerId: string
  /** Dialable multiaddrs, each ending in /p2p/<peerId>. */
  readonly addrs: readonly string[]
  /** Base URL of the loopback API. */
  readonly api: string
  readonly profileDir: string
  readonly client: DaemonClient
  readonly proc: ChildProcess
  readonly options: DaemonOptions
  /** Whether the process has exited. */
  readonly exited: boolean
  /** SIGTERM, wait up to 10 s for exit, then SIGKILL. Safe to call twice. */
  stop(): Promise<void>
  /** SIGKILL at once, like a crash or power loss, and wait for the exit. */
  kill(): Promise<void>
  /** Stops this daemon if it still runs, then starts a new one from the same profile and arguments. */
  restart(): Promise<Daemon>
  /** The last lines the process wrote to stderr (and stdout after the first line). */
  logTail(): string
}

const STOP_GRACE_MS = 10_000
const LOG_TAIL_CHARS = 64 * 1024

const allDaemons: Daemon[] = []

/** A fresh network name, so a test file's nodes only ever find each other. */
export function uniqueNetwork (): string {
  return `test-${randomUUID()}`
}

/** Starts one daemon; it is stopped at cleanup whatever happens. */
export async function startDaemon (options: DaemonOptions): Promise<Daemon> {
  const profileDir = options.profileDir ?? await tempDir(`profile-${options.name}`)
  if (options.user != null && options.profileDir == null) await chown(profileDir, options.user.uid, options.user.gid)
  const args = [
    CLI_PATH, 'daemon',
    '--profile', profileDir,
    '--listen', '/ip4/127.0.0.1/tcp/0',
    ...(options.bootstrap ?? []).flatMap(addr => ['--bootstrap', addr]),
    '--no-mdns',
    '--network', options.network,
    ...(options.uploadLimit != null ? ['--upload-limit', String(options.uploadLimit)] : []),
    '--json',
    ...(options.extraArgs ?? [])
  ]
  // bash sets the limit, then becomes the daemon (exec), so the process the harness stops is the daemon itself.
  const [command, commandArgs] = options.maxOpenFiles == null
    ? [process.execPath, args]
    : ['bash', ['-c', `ulimit -n ${options.maxOpenFiles} && exec "$0" "$@"`, process.execPath, ...args]]
  const proc = spawn(command, commandArgs, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.user == null ? {} : { uid: options.user.uid, gid: options.user.gid })
  })
  trackProcess(proc)

  let exitInfo: { code: number | null, signal: NodeJS.Signals | null } | undefined
  const exitedPromise = new Promise<void>(resolve => {
    proc.once('exit', (code, signal) => {
      exitInfo = { code, signal }
      resolve()
    })
  })

  let tail = ''
  const appendTail = (text: string): void => {
    tail = (tail + text).slice(-LOG_TAIL_CHARS)
    if (process.env.PEERSHARE_TEST_ECHO === '1') process.stderr.write(text.replace(/^(?=.)/gm, `[${options.name}] `))
  }
  proc.stderr?.setEncoding('utf8')
  proc.stderr?.on('data', (text: string) => appendTail(text))

  const describeExit = (): string => exitInfo == null ? 'still running' : `exited with code ${exitInfo.code} signal ${exitInfo.signal}`
  const failStart = (reason: string): Error =>
    new Error(`Daemon "${options.name}" did not start: ${reason}\ncommand: ${process.execPath} ${args.join(' ')}\nstderr:\n${tail.slice(-8000) || '(empty)'}`)

  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! })
    let first = true
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(failStart(`no JSON line on stdout within ${options.startTimeoutMs ?? 20_000} ms`))
    }, options.startTimeoutMs ?? 20_000)
    lines.on('line', line => {
      if (!first) {
        appendTail(`${line}\n`)
        return
      }
      first = false
      clearTimeout(timer)
      resolve(line)
    })
    proc.once('exit', () => {
      clearTimeout(timer)
      // Give stderr a moment to flush so the error says why.
      setTimeout(() => reject(failStart(describeExit())), 100)
    })
    proc.once('error', err => {
      clearTimeout(timer)
      reject(failStart(`spawn failed: ${err.message}`))
    })
  })

  let info: { peerId: string, addrs: string[], api: string }
  try {
    info = JSON.parse(firstLine)
    if (typeof info.peerId !== 'string' || !Array.isArray(info.addrs) || typeof info.api !== 'string') throw new Error('missing peerId, addrs or api')
  } catch (err) {
    proc.kill('SIGKILL')
    throw failStart(`first stdout line is not the expected JSON (${(err as Error).message}): ${firstLine.slice(0, 500)}`)
  }

  const secret = await readSecret(profileDir)
  const client = await connectApi({ url: info.api, secret })

  let stopping: Promise<void> | undefined
  const closeClient = async (): Promise<void> => {
    try { await client.close() } catch {}
  }
  const daemon: Daemon = {
    name: options.name,
    peerId: info.peerId,
    addrs: info.addrs,
    api: info.api,
    profileDir,
    client,
    proc,
    options,
    get exited () { return exitInfo != null },
    async stop () {
      stopping ??= (async () => {
        await closeClient()
        if (exitInfo != null) return
        proc.kill('SIGTERM')
        const graceful = await Promise.race([exitedPromise.then(() => true), sleep(STOP_GRACE_MS, undefined, { ref: false }).then(() => false)])
        if (!graceful) {
          const note = `[harness] ${options.name} did not exit within ${STOP_GRACE_MS} ms of SIGTERM; sending SIGKILL\n`
          appendTail(note)
          process.stderr.write(note)
          proc.kill('SIGKILL')
          await exitedPromise
        }
      })()
      await stopping
    },
    async kill () {
      await closeClient()
      if (exitInfo == null) proc.kill('SIGKILL')
      await exitedPromise
    },
    async restart () {
      await daemon.stop()
      return await startDaemon({ ...options, profileDir })
    },
    logTail () {
      return `${tail}${exitInfo != null ? `\n[harness] ${describeExit()}` : ''}`
    }
  }
  allDaemons.push(daemon)
  registerCleanup(`stop daemon ${options.name}`, () => daemon.stop(), 'processes')
  return daemon
}

/** Reads the profile's API secret, allowing the daemon a moment to write it. */
async function readSecret (profileDir: string): Promise<string> {
  const path = profilePath(profileDir, 'secret')
  let lastError: unknown
  for (let i = 0; i < 20; i++) {
    try {
      const secret = (await readFile(path, 'utf8')).trim()
      if (secret !== '') return secret
    } catch (err) {
      lastError = err
    }
    await sleep(100)
  }
  throw new Error(`No API secret in ${path}: ${(lastError as Error)?.message ?? 'file is empty'}`)
}

export type SwarmNodeOptions = Omit<DaemonOptions, 'network' | 'bootstrap' | 'name'> & { name?: string, bootstrap?: string[] }

/**
 * Starts n daemons on one network: node 0 first, then the others in
 * parallel, each bootstrapped to node 0. `opts` may differ per node.
 */
export async function startSwarm (n: number, opts: { network: string, node?: (i: number) => SwarmNodeOptions } & SwarmNodeOptions): Promise<Daemon[]> {
  const { network, node, ...common } = opts
  const optionsFor = (i: number): SwarmNodeOptions => ({ ...common, ...node?.(i) })
  const first = await startDaemon({ name: 'node-0', ...optionsFor(0), network })
  const bootstrap = [dialAddr(first)]
  const rest = await Promise.all(Array.from({ length: n - 1 }, async (_, k) => {
    const o = optionsFor(k + 1)
    return await startDaemon({ name: `node-${k + 1}`, ...o, bootstrap: [...bootstrap, ...(o.bootstrap ?? [])], network })
  }))
  return [first, ...rest]
}

/** The daemon's loopback TCP address with /p2p/, for --bootstrap or a raw dial. */
export function dialAddr (daemon: Pick<Daemon, 'addrs' | 'name'>): string {
  const addr = daemon.addrs.find(a => a.startsWith('/ip4/127.0.0.1/tcp/') && a.includes('/p2p/') && !a.includes('/ws')) ??
    daemon.addrs.find(a => a.includes('/p2p/'))
  if (addr == null) throw new Error(`Daemon ${daemon.name} printed no dialable /p2p/ address: ${JSON.stringify(daemon.addrs)}`)
  return addr
}

/** Writes the log tails of every daemon this test file started to stderr, for a failure report. */
export function dumpDaemonLogs (maxCharsEach = 6000): void {
  if (allDaemons.length > 0 && process.env.DEBUG == null) {
    process.stderr.write('\n(daemon logs are terse; rerun with DEBUG=peershare:* for detail, PEERSHARE_TEST_ECHO=1 to stream them live)\n')
  }
  for (const d of allDaemons) {
    process.stderr.write(`\n----- ${d.name} (${d.peerId}) log tail -----\n${d.logTail().slice(-maxCharsEach)}\n`)
  }
}

/** Wraps a test body so a failure also prints every daemon's log tail. */
export function withLogsOnFailure<A extends unknown[]> (fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args)
    } catch (err) {
      dumpDaemonLogs()
      throw err
    }
  }
}
