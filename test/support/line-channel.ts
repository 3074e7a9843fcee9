/**
 * Steering a child process over stdin/stdout, one JSON object per line:
 * commands `{ id, cmd, ... }` answered by `{ id, ok, result | error }`,
 * and events `{ event, at, ... }` the process reports on its own. The lab's
 * bare nodes (reach-node.ts) and the API driver of daemons in lab
 * namespaces (lab-daemon.ts) speak it. Stderr is kept for failure messages.
 */
import { createInterface } from 'node:readline'
import { waitFor } from './wait.js'
import type { ChildProcessByStdio } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'

const LOG_TAIL_CHARS = 32 * 1024

/** An event the process reported; `at` is ms since it started. */
export interface LineEvent {
  readonly event: string
  readonly at: number
  readonly [key: string]: unknown
}

export interface LineChannel {
  /** Every event so far, oldest first. */
  readonly events: readonly LineEvent[]
  request<T = unknown>(cmd: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>
  /** Waits for an event that satisfies `match`, looking at past events first. */
  waitForEvent(what: string, match: (e: LineEvent) => boolean, timeoutMs?: number): Promise<LineEvent>
  /** The last of stderr (and stray stdout lines). */
  tail(): string
}

/** Opens the channel on a started process; `exited` settles when it exits (pending requests then fail). */
export function openLineChannel (name: string, proc: ChildProcessByStdio<Writable, Readable, Readable>, exited: Promise<void>): LineChannel {
  let tail = ''
  proc.stderr.setEncoding('utf8').on('data', (s: string) => {
    tail = (tail + s).slice(-LOG_TAIL_CHARS)
    if (process.env.PEERSHARE_TEST_ECHO === '1') process.stderr.write(s.replace(/^(?=.)/gm, `[${name}] `))
  })
  const events: LineEvent[] = []
  const pending = new Map<number, { resolve: (v: unknown) => void, reject: (e: Error) => void }>()
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
      events.push(msg as unknown as LineEvent)
    }
  })
  void exited.then(() => {
    for (const p of pending.values()) p.reject(new Error(`${name} exited\n${tail.slice(-4000)}`))
    pending.clear()
  })

  let nextId = 1
  const request = async <T>(cmdName: string, args: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> => {
    const id = nextId++
    return await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new Error(`${name}: no answer to ${cmdName} within ${timeoutMs} ms\n${tail.slice(-4000)}`))
      }, timeoutMs)
      pending.set(id, {
        resolve: v => { clearTimeout(timer); resolve(v as T) },
        reject: e => { clearTimeout(timer); reject(e) }
      })
      proc.stdin.write(`${JSON.stringify({ ...args, id, cmd: cmdName })}\n`)
    })
  }

  const waitForEvent = async (what: string, match: (e: LineEvent) => boolean, timeoutMs = 30_000): Promise<LineEvent> => {
    return await waitFor(() => events.find(match), { what: `${name}: ${what}`, timeoutMs, intervalMs: 100, diagnose: () => ({ events: events.slice(-20), stderr: tail.slice(-2000) }) })
  }

  return { events, request, waitForEvent, tail: () => tail }
}
