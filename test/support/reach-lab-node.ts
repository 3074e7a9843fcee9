/**
 * Starts a lab node (reach-node.ts) as a child process inside a lab
 * namespace and steers it: commands with deadlines, the events it reports
 * (with the node's own timestamps), and a stop that always happens, even
 * when the test fails. Its stderr is kept for failure messages.
 */
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { openLineChannel, type LineEvent } from './line-channel.js'
import { spawnInNetns } from './nat-lab.js'
import type { ReachNodeConfig } from './reach-node.js'
import type { ConnectionInfo, LabPath, PushResult } from './reach-push.js'

const REACH_NODE_PATH = fileURLToPath(new URL('./reach-node.js', import.meta.url))
/** An event a lab node reported; `at` is ms since that node started. */
export type ReachEvent = LineEvent

export interface PushOptions {
  /** A connection id, or the first open connection on this path; default 'any'. */
  via?: LabPath | 'any' | (string & {})
  /** Default 120 s. */
  timeoutMs?: number
  /** Bytes in flight before the receiver acknowledges; default 8 MiB, 0 for no limit. */
  window?: number
}

export interface ReachNode {
  readonly name: string
  readonly netns: string
  readonly peerId: string
  readonly proc: ChildProcess
  /** Every event so far, oldest first. */
  readonly events: readonly ReachEvent[]
  request<T = unknown>(cmd: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>
  addrs(): Promise<string[]>
  connections(): Promise<ConnectionInfo[]>
  dial(addr: string, timeoutMs?: number): Promise<ConnectionInfo & { ms: number }>
  /** Pushes bytes to `peer` over an open connection (by id, or the first on a path) and times it. */
  push(peer: string, bytes: number, options?: PushOptions): Promise<PushResult>
  /** Waits for an event that satisfies `match`, looking at past events first. */
  waitForEvent(what: string, match: (e: ReachEvent) => boolean, timeoutMs?: number): Promise<ReachEvent>
  /** SIGKILL, like a crash or a pulled cable. */
  kill(): Promise<void>
  logTail(): string
}

/** Starts a lab node in `netns`; resolves once it listens. */
export async function startReachNode (name: string, netns: string, config: ReachNodeConfig, startTimeoutMs = 30_000): Promise<ReachNode> {
  const { proc, exited, stop } = spawnInNetns(netns, [process.execPath, REACH_NODE_PATH, JSON.stringify(config)], `lab node ${name}`)
  const channel = openLineChannel(`lab node ${name}`, proc, exited)
  const { events, request, waitForEvent } = channel

  const ready = await waitForEvent('start', e => e.event === 'ready', startTimeoutMs).catch(err => {
    proc.kill('SIGKILL')
    throw err
  })

  return {
    name,
    netns,
    peerId: String(ready.peerId),
    proc,
    events,
    request,
    addrs: async () => await request<string[]>('addrs'),
    connections: async () => await request<ConnectionInfo[]>('connections'),
    dial: async (addr, timeoutMs = 30_000) => await request('dial', { addr, timeoutMs }, timeoutMs + 5000),
    push: async (peer, bytes, { via = 'any', timeoutMs = 120_000, window } = {}) => await request<PushResult>('push', { peer, bytes, via, timeoutMs, window }, timeoutMs + 10_000),
    waitForEvent,
    kill: async () => { await stop('SIGKILL') },
    logTail: () => channel.tail()
  }
}
