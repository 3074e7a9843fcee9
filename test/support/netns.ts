/**
 * A small LAN of our own: network namespaces joined by veth pairs to one
 * bridge-less segment (two hosts) so real multicast (mDNS) and real LAN
 * addresses can be exercised. Needs root and iproute2; everything made here
 * is removed by cleanupAll.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { registerCleanup } from './cleanup.js'

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
