/**
 * A NAT lab made of network namespaces, built the way home networks are: a
 * "public" segment on 11.0.0.0/24 (a range libp2p does not call private, so
 * identify, AutoNAT and kad-dht keep its addresses), public hosts on it (a
 * relay, a STUN server), and home routers that masquerade their LAN behind
 * one public address and silently drop unsolicited inbound packets (DROP, not
 * REJECT: an RST or an ICMP error aborts a hole punch in progress).
 *
 * Every name carries a per-lab tag, so labs of parallel test runs never meet,
 * and everything is removed by the cleanup registry, processes started in it
 * with `spawnInNetns` first. Needs root, iproute2 and iptables;
 * `natLabUnavailable` says in words why a lab cannot be made.
 */
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import type { Readable, Writable } from 'node:stream'
import { registerCleanup, trackProcess } from './cleanup.js'

const run = promisify(execFile)

/** The public segment, as libp2p sees it: not RFC 1918, CGNAT or TEST-NET. */
export const PUBLIC_SUBNET = '11.0.0'

/** How a router maps its LAN's flows onto its public address. */
export type NatKind =
  /** MASQUERADE keeps each flow's source port when it can, like most home routers: hole punching works. */
  | 'port-preserving'
  /** MASQUERADE --random-fully gives every flow a new random port: no hole punch can succeed. */
  | 'per-flow'

/** A host in the lab: a namespace with one address. */
export interface LabHost {
  readonly name: string
  /** Namespace name, for `ip netns exec` or `ip -n`. */
  readonly netns: string
  readonly ip: string
  /** The interface facing its segment ('eth0'). */
  readonly ifname: string
}

/** A home router: its WAN face on the public segment, its LAN and the hosts on it. */
export interface HomeRouter {
  readonly name: string
  readonly netns: string
  /** The router's public address, which every LAN host's flows leave from. */
  readonly wanIp: string
  /** The router's own address on its LAN (the LAN hosts' gateway). */
  readonly lanIp: string
  /** The LAN's /24 prefix, e.g. '192.168.7'. */
  readonly lanSubnet: string
  readonly nat: NatKind
  readonly hosts: readonly LabHost[]
}

export interface RouterSpec {
  name: string
  /** Default 'port-preserving'. */
  nat?: NatKind
  /** How many hosts on its LAN; default 1. */
  hosts?: number
}

export interface NatLabSpec {
  /** Names of hosts on the public segment, given 11.0.0.1, .2, … in order. */
  publicHosts: readonly string[]
  routers: readonly RouterSpec[]
}

export interface NatLab {
  /** The per-lab tag in every namespace name. */
  readonly tag: string
  /** The namespace holding the public segment's bridge. */
  readonly hubNetns: string
  readonly publicHosts: readonly LabHost[]
  readonly routers: readonly HomeRouter[]
  /** A public host or router by name; throws for an unknown name. */
  host(name: string): LabHost
  router(name: string): HomeRouter
}

/** Why a NAT lab cannot be made here (or with `extraTools` too), or undefined if it can. */
export async function natLabUnavailable (extraTools: readonly string[] = []): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'needs root to create network namespaces'
  for (const tool of ['ip', 'iptables', ...extraTools]) {
    try {
      await run('sh', ['-c', `command -v ${tool}`])
    } catch {
      return `needs ${tool} (${TOOL_PACKAGES[tool] ?? tool})`
    }
  }
  return undefined
}

/** The Debian package that brings each tool, for skip reasons. */
const TOOL_PACKAGES: Record<string, string> = {
  ip: 'Debian package iproute2',
  iptables: 'Debian package iptables',
  conntrack: 'Debian package conntrack',
  miniupnpd: 'Debian package miniupnpd',
  nft: 'Debian package nftables'
}

/** Runs a command inside a namespace and returns its stdout. */
export async function netnsExec (netns: string, command: readonly string[], options: { timeoutMs?: number } = {}): Promise<string> {
  const { stdout } = await run('ip', ['netns', 'exec', netns, ...command], { timeout: options.timeoutMs ?? 10_000, maxBuffer: 16 * 1024 * 1024 })
  return stdout
}

/** A long-running process in a lab namespace. */
export interface NetnsProcess {
  readonly proc: ChildProcessByStdio<Writable, Readable, Readable>
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>
  /** SIGTERM (or the given signal), then SIGKILL after `graceMs`; resolves on exit. Safe to call twice. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>
}

/**
 * Starts `command` inside `netns` with piped stdio. It is stopped with the
 * other processes at cleanup (SIGTERM, then SIGKILL), and SIGKILLed if the
 * test process dies first.
 */
export function spawnInNetns (netns: string, command: readonly string[], what: string): NetnsProcess {
  const proc = spawn('ip', ['netns', 'exec', netns, ...command], { stdio: ['pipe', 'pipe', 'pipe'] })
  trackProcess(proc)
  const exited = new Promise<void>(resolve => proc.once('exit', () => resolve()))
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 3000): Promise<void> => {
    if (proc.exitCode != null || proc.signalCode != null) return
    proc.kill(signal)
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs)
    await exited
    clearTimeout(timer)
  }
  registerCleanup(what, async () => { await stop() }, 'processes')
  return { proc, exited, stop }
}

/** Builds the lab described by `spec`; cleanupAll removes every namespace (and so every interface and rule) it made. */
export async function createNatLab (spec: NatLabSpec): Promise<NatLab> {
  const tag = randomBytes(3).toString('hex')
  const ns = (role: string): string => `psl-${tag}-${role}`
  const hubNetns = ns('hub')
  await addNetns(hubNetns)
  await ip(hubNetns, 'link', 'add', 'br0', 'type', 'bridge')
  await ip(hubNetns, 'link', 'set', 'br0', 'up')

  let nextPublic = 1
  let port = 0
  /** Joins a namespace to the public bridge through a veth whose inside end is `ifname`. */
  const joinPublic = async (netns: string, ifname: string): Promise<string> => {
    const address = `${PUBLIC_SUBNET}.${nextPublic++}`
    const hubEnd = `p${port++}`
    await run('ip', ['link', 'add', hubEnd, 'netns', hubNetns, 'type', 'veth', 'peer', 'name', ifname, 'netns', netns])
    await ip(hubNetns, 'link', 'set', hubEnd, 'master', 'br0')
    await ip(hubNetns, 'link', 'set', hubEnd, 'up')
    await ip(netns, 'addr', 'add', `${address}/24`, 'dev', ifname)
    await ip(netns, 'link', 'set', ifname, 'up')
    return address
  }

  const publicHosts: LabHost[] = []
  for (const name of spec.publicHosts) {
    const netns = ns(name)
    await addNetns(netns)
    publicHosts.push({ name, netns, ip: await joinPublic(netns, 'eth0'), ifname: 'eth0' })
  }

  const routers: HomeRouter[] = []
  for (const [i, r] of spec.routers.entries()) {
    const netns = ns(r.name)
    await addNetns(netns)
    const wanIp = await joinPublic(netns, 'wan')
    // Alternate the two private ranges people meet at home; both are private to libp2p.
    const lanSubnet = i % 2 === 0 ? `192.168.${10 + i}` : `10.${10 + i}.0`
    const lanIp = `${lanSubnet}.1`
    await ip(netns, 'link', 'add', 'lan', 'type', 'bridge')
    await ip(netns, 'addr', 'add', `${lanIp}/24`, 'dev', 'lan')
    await ip(netns, 'link', 'set', 'lan', 'up')
    const nat = r.nat ?? 'port-preserving'
    await configureNat(netns, nat)
    const hosts: LabHost[] = []
    for (let h = 0; h < (r.hosts ?? 1); h++) {
      const name = `${r.name}-h${h + 1}`
      const hostNetns = ns(name)
      await addNetns(hostNetns)
      const address = `${lanSubnet}.${10 + h}`
      await run('ip', ['link', 'add', `h${h}`, 'netns', netns, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', hostNetns])
      await ip(netns, 'link', 'set', `h${h}`, 'master', 'lan')
      await ip(netns, 'link', 'set', `h${h}`, 'up')
      await ip(hostNetns, 'addr', 'add', `${address}/24`, 'dev', 'eth0')
      await ip(hostNetns, 'link', 'set', 'eth0', 'up')
      await ip(hostNetns, 'route', 'add', 'default', 'via', lanIp)
      // mDNS and SSDP (UPnP discovery) are multicast on the LAN.
      await ip(hostNetns, 'route', 'add', '224.0.0.0/4', 'dev', 'eth0')
      hosts.push({ name, netns: hostNetns, ip: address, ifname: 'eth0' })
    }
    routers.push({ name: r.name, netns, wanIp, lanIp, lanSubnet, nat, hosts })
  }

  const byName = <T extends { name: string }>(list: readonly T[], name: string, what: string): T => {
    const found = list.find(x => x.name === name)
    if (found == null) throw new Error(`the lab has no ${what} named ${name}`)
    return found
  }
  return {
    tag,
    hubNetns,
    publicHosts,
    routers,
    host: (name) => byName([...publicHosts, ...routers.flatMap(r => r.hosts)], name, 'host'),
    router: (name) => byName(routers, name, 'router')
  }
}

/**
 * A home router's firewall: masquerade the LAN behind the WAN address, accept
 * replies to flows the LAN opened (and port forwards a UPnP daemon set up),
 * and drop everything else that arrives on the WAN without a word.
 */
async function configureNat (netns: string, nat: NatKind): Promise<void> {
  const ipt = async (...args: string[]): Promise<void> => { await netnsExec(netns, ['iptables', '-w', ...args]) }
  await netnsExec(netns, ['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'])
  await ipt('-t', 'nat', '-A', 'POSTROUTING', '-o', 'wan', '-j', 'MASQUERADE', ...(nat === 'per-flow' ? ['--random-fully'] : []))
  for (const chain of ['INPUT', 'FORWARD']) {
    await ipt('-A', chain, '-i', 'wan', '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'ACCEPT')
    // A port forward (a UPnP mapping) is a DNAT: a router that forwards a port lets its packets through.
    if (chain === 'FORWARD') await ipt('-A', chain, '-i', 'wan', '-m', 'conntrack', '--ctstate', 'DNAT', '-j', 'ACCEPT')
    await ipt('-A', chain, '-i', 'wan', '-j', 'DROP')
  }
}

async function addNetns (netns: string): Promise<void> {
  await run('ip', ['netns', 'add', netns])
  registerCleanup(`network namespace ${netns}`, async () => { await run('ip', ['netns', 'del', netns]).catch(() => {}) })
  await ip(netns, 'link', 'set', 'lo', 'up')
}

async function ip (netns: string, ...args: string[]): Promise<void> {
  await run('ip', ['-n', netns, ...args])
}
