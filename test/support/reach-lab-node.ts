/**
 * Starts a lab node (reach-node.ts) as a child process inside a lab
 * namespace and steers it: commands with deadlines, the events it reports
 * (with the node's own timestamps), and a stop that always happens, even
 * when the test fails. Its stderr is kept for failure messages.
 */
import type { ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { spawnInNetns } from './nat-lab.js'
import { waitFor } from './wait.js'
import type { ReachNodeConfig } from './reach-node.js'
import type { ConnectionInfo, LabPath, PushResult } from './reach-push.js'

const REACH_NODE_PATH = fileURLToPath(new URL('./reach-node.js', import.meta.url))
const LOG_TAIL_CHARS = 32 * 1024

/** An event a lab node reported; `at` is ms since that node started. */
export interface ReachEvent {
  readonly event: string
  readonly at: number
  readonly [key: string]: unknown
}

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
  let tail = ''
  proc.stderr.setEncoding('utf8').on('data', (s: string) => {
    tail = (tail + s).slice(-LOG_TAIL_CHARS)
    if (process.env.PEERSHARE_TEST_ECHO === '1') process.stderr.write(s.replace(/^(?=.)/gm, `[${name}] `))
  })
  const events: ReachEvent[] = []
  const pending = new Map<number, { resolve: (v: unknown) => void, reject: (e: Error) => void }>()
  const listeners = new Set<() => void>()
  createInterface({ input: proc.stdout }).on('line', line => {
    let msg: Record<string, unknown>
    try {
      msg = JSON.parse(line)
    } catch {
      tail += `${line}\n`
      return
    }
    if (typeof msg.id === 'number') {
      const p = pending.get(msg.id)
      pending.delete(msg.id)
      if (msg.ok === true) p?.resolve(msg.result)
      else p?.reject(new Error(`${name}: ${String(msg.error)}`))
    } else if (typeof msg.event === 'string') {
      events.push(msg as unknown as ReachEvent)
      for (const l of listeners) l()
    }
  })
  void exited.then(() => {
    for (const p of pending.values()) p.reject(new Error(`lab node ${name} exited\n${tail.slice(-4000)}`))
    pending.clear()
  })

  let nextId = 1
  const request = async <T>(cmdName: string, args: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> => {
    const id = nextId++
    return await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new Error(`lab node ${name}: no answer to ${cmdName} within ${timeoutMs} ms\n${tail.slice(-4000)}`))
      }, timeoutMs)
      pending.set(id, {
        resolve: v => { clearTimeout(timer); resolve(v as T) },
        reject: e => { clearTimeout(timer); reject(e) }
      })
      proc.stdin.write(`${JSON.stringify({ ...args, id, cmd: cmdName })}\n`)
    })
  }

  const waitForEvent = async (what: string, match: (e: ReachEvent) => boolean, timeoutMs = 30_000): Promise<ReachEvent> => {
    return await waitFor(() => events.find(match), { what: `${name}: ${what}`, timeoutMs, intervalMs: 100, diagnose: () => ({ events: events.slice(-20), stderr: tail.slice(-2000) }) })
  }

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
    logTail: () => tail
  }
}
