/**
 * A small LAN of our own: network namespaces joined by veth pairs to one
 * bridge-less segment (two hosts) so real multicast (mDNS) and real LAN
 * addresses can be exercised, and daemons started and asked inside them.
 * Needs root and iproute2; everything made here is removed by cleanupAll.
 */
import { execFile, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import type { ApiCommandName, ApiRequest, ApiResponse } from '../../shared/index.js'
import { registerCleanup, trackProcess } from './cleanup.js'
import { inNetns } from './cli.js'
import { CLI_PATH } from './daemon.js'

const run = promisify(execFile)

export interface LanHost {
  /** Namespace name, for `ip netns exec`. */
  readonly netns: string
  readonly ip: string
}

/** Why a LAN cannot be made here, or undefined if it can. */
export async function lanUnavailable (): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'needs root to create network namespaces'
  try {
    await run('ip', ['-V'])
  } catch {
    return 'needs iproute2 (ip)'
  }
  return undefined
}

/** Two hosts, 10.231.<k>.1 and .2, on a veth pair, with multicast routed onto it. */
export async function createLan (): Promise<[LanHost, LanHost]> {
  const tag = `${process.pid % 10000}${Math.floor(Math.random() * 100)}`
  const subnet = `10.231.${Number(tag) % 250}`
  const hosts: [LanHost, LanHost] = [{ netns: `ps-${tag}-a`, ip: `${subnet}.1` }, { netns: `ps-${tag}-b`, ip: `${subnet}.2` }]
  const [a, b] = hosts
  for (const h of hosts) {
    await run('ip', ['netns', 'add', h.netns])
    registerCleanup(`network namespace ${h.netns}`, async () => { await run('ip', ['netns', 'del', h.netns]).catch(() => {}) })
  }
  const ifA = `ps${tag}a`
  const ifB = `ps${tag}b`
  await run('ip', ['link', 'add', ifA, 'type', 'veth', 'peer', 'name', ifB])
  await run('ip', ['link', 'set', ifA, 'netns', a.netns])
  await run('ip', ['link', 'set', ifB, 'netns', b.netns])
  for (const [h, ifc] of [[a, ifA], [b, ifB]] as const) {
    await run('ip', ['-n', h.netns, 'addr', 'add', `${h.ip}/24`, 'dev', ifc])
    await run('ip', ['-n', h.netns, 'link', 'set', ifc, 'up'])
    await run('ip', ['-n', h.netns, 'link', 'set', 'lo', 'up'])
    await run('ip', ['-n', h.netns, 'route', 'add', '224.0.0.0/4', 'dev', ifc])
  }
  return hosts
}

/** What a daemon started in a namespace printed first. */
export interface NetnsDaemon {
  readonly peerId: string
  readonly addrs: readonly string[]
  readonly api: string
}

/** Starts `peershare daemon --json` with `args` inside a namespace and reads its first JSON line; it is killed at cleanup. */
export async function startNetnsDaemon (netns: string, args: readonly string[]): Promise<NetnsDaemon> {
  const [cmd, ...argv] = inNetns(netns, [process.execPath, CLI_PATH, 'daemon', ...args, '--json'])
  const daemon = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
  trackProcess(daemon)
  let stderr = ''
  daemon.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s })
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`daemon in ${netns} did not start: ${stderr}`)), 20_000)
    createInterface({ input: daemon.stdout }).once('line', line => { clearTimeout(timer); resolve(line) })
  })
  return JSON.parse(first) as NetnsDaemon
}

/**
 * Calls one command of the API of a profile's daemon that runs in a
 * namespace (whose loopback is its own), from a process inside it.
 */
export async function callInNetns<K extends ApiCommandName> (netns: string, profileDir: string, command: K, req: ApiRequest<K>): Promise<ApiResponse<K>> {
  const script = [
    'const { findDaemon } = await import(process.env.PS_HOST)',
    'const found = await findDaemon(process.env.PS_PROFILE)',
    'if (found == null) throw new Error("no daemon runs for " + process.env.PS_PROFILE)',
    'try { process.stdout.write(JSON.stringify(await found.client[process.env.PS_COMMAND](JSON.parse(process.env.PS_REQ)))) } finally { found.client.close() }'
  ].join('\n')
  const [cmd, ...argv] = inNetns(netns, [process.execPath, '--input-type=module', '-e', script])
  const { stdout } = await run(cmd, argv, {
    env: { ...process.env, PS_HOST: HOST_MODULE, PS_PROFILE: profileDir, PS_COMMAND: command, PS_REQ: JSON.stringify(req) },
    timeout: 30_000
  })
  return JSON.parse(stdout) as ApiResponse<K>
}

/** The compiled headless host, next to this file in dist/. */
const HOST_MODULE = new URL('../../electron/host/index.js', import.meta.url).href
