/**
 * Real PeerShare processes in NAT lab namespaces: `peershare daemon` on a
 * laptop behind a home router, `peershare relay` on the public segment.
 * Each runs from its own temp profile on the test's private network; a
 * daemon's API (loopback in its namespace) is driven through a small process
 * beside it (lab-daemon-api.ts). Everything is stopped at cleanup.
 */
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { CLI_PATH } from './daemon.js'
import { tempDir } from './files.js'
import { openLineChannel, type LineEvent } from './line-channel.js'
import { spawnInNetns, type LabHost, type NetnsProcess } from './nat-lab.js'
import type { ApiCommandName, ApiRequest, ApiResponse } from '../../shared/index.js'

const API_DRIVER_PATH = fileURLToPath(new URL('./lab-daemon-api.js', import.meta.url))

/** A process's first stdout line (its --json line), or an error with its stderr. */
async function firstLine (name: string, p: NetnsProcess, timeoutMs: number, stderr: () => string): Promise<Record<string, unknown>> {
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error(`${name} printed nothing within ${timeoutMs} ms\n${stderr()}`)) }, timeoutMs)
    createInterface({ input: p.proc.stdout }).once('line', l => { clearTimeout(timer); resolve(l) })
    void p.exited.then(() => { clearTimeout(timer); setTimeout(() => { reject(new Error(`${name} exited before it started\n${stderr()}`)) }, 100) })
  })
  return JSON.parse(line) as Record<string, unknown>
}

function keepStderr (p: NetnsProcess, name: string): () => string {
  let tail = ''
  p.proc.stderr.setEncoding('utf8').on('data', (s: string) => {
    tail = (tail + s).slice(-64 * 1024)
    if (process.env.PEERSHARE_TEST_ECHO === '1') process.stderr.write(s.replace(/^(?=.)/gm, `[${name}] `))
  })
  return () => tail
}

/** A `peershare relay` on a public lab host. */
export interface LabRelay {
  readonly host: LabHost
  readonly peerId: string
  /** Its public address with /p2p/: what --relay and --bootstrap take. */
  readonly addr: string
  readonly stunUrl: string
  readonly process: NetnsProcess
  logTail(): string
}

export interface LabRelayOptions {
  network: string
  /** --data-limit; default the relay's own (128 KiB and 2 minutes). */
  dataLimit?: 'none' | number
  port?: number
  stunPort?: number
}

/** Starts `peershare relay` on `host`, announcing its public address, with STUN beside it. */
export async function startLabRelay (host: LabHost, options: LabRelayOptions): Promise<LabRelay> {
  const port = options.port ?? 4001
  const stunPort = options.stunPort ?? 3478
  const profile = await tempDir(`relay-${host.name}`)
  const name = `relay ${host.name}`
  const p = spawnInNetns(host.netns, [
    process.execPath, CLI_PATH, 'relay', '--profile', profile,
    '--listen', `/ip4/0.0.0.0/tcp/${port}`, '--announce', `/ip4/${host.ip}/tcp/${port}`,
    '--stun-listen', `${host.ip}:${stunPort}`, '--network', options.network, '--json',
    ...(options.dataLimit != null ? ['--data-limit', String(options.dataLimit)] : [])
  ], name)
  const stderr = keepStderr(p, name)
  const info = await firstLine(name, p, 60_000, stderr)
  const addr = (info.addrs as string[]).find(a => a.startsWith(`/ip4/${host.ip}/tcp/${port}/`))
  if (addr == null) throw new Error(`${name} does not show its public address: ${JSON.stringify(info)}`)
  return { host, peerId: String(info.peerId), addr, stunUrl: `stun:${host.ip}:${stunPort}`, process: p, logTail: stderr }
}

/** A `peershare daemon` in a lab namespace, and its API. */
export interface LabDaemon {
  readonly name: string
  readonly host: LabHost
  readonly peerId: string
  /** The addresses the daemon printed when it started (its --json line). */
  readonly startAddrs: readonly string[]
  readonly profileDir: string
  readonly process: NetnsProcess
  /** The daemon's transfer and peer events, as the API driver saw them. */
  readonly events: readonly LineEvent[]
  call<K extends ApiCommandName>(command: K, req: ApiRequest<K>, timeoutMs?: number): Promise<ApiResponse<K>>
  logTail(): string
}

export interface LabDaemonOptions {
  network: string
  /** Further daemon arguments: --bootstrap, --relay, --stun, --no-upnp, … */
  args?: readonly string[]
  /** Default 0: a free port. */
  port?: number
}

/** Starts `peershare daemon` on `host`, listening on all its interfaces, and the API driver beside it. */
export async function startLabDaemon (name: string, host: LabHost, options: LabDaemonOptions): Promise<LabDaemon> {
  const profileDir = await tempDir(`daemon-${name}`)
  const p = spawnInNetns(host.netns, [
    process.execPath, CLI_PATH, 'daemon', '--profile', profileDir,
    '--listen', `/ip4/0.0.0.0/tcp/${options.port ?? 0}`, '--network', options.network, '--json',
    '--download-dir', `${profileDir}/downloads`,
    ...options.args ?? []
  ], `daemon ${name}`)
  const stderr = keepStderr(p, name)
  const info = await firstLine(`daemon ${name}`, p, 120_000, stderr)
  const driver = spawnInNetns(host.netns, [process.execPath, API_DRIVER_PATH, profileDir], `API driver of ${name}`)
  const channel = openLineChannel(`API of ${name}`, driver.proc, driver.exited)
  await channel.waitForEvent('the API driver to find the daemon', e => e.event === 'ready', 120_000)
  return {
    name,
    host,
    peerId: String(info.peerId),
    startAddrs: info.addrs as string[],
    profileDir,
    process: p,
    events: channel.events,
    call: async (command, req, timeoutMs = 60_000) => await channel.request(command, req as Record<string, unknown>, timeoutMs),
    logTail: () => `${stderr()}\n--- API driver ---\n${channel.tail()}`
  }
}
