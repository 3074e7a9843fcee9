/**
 * Helper processes of the suite (bench/workers/*): spawned on the same Node,
 * they talk in JSON lines, commands on stdin and results on stdout, and
 * report their own timings so process start-up is never part of a figure.
 */
import { NODE_FLAGS } from '../../electron/cli/node-flags.js'
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { stopProcess, trackProcess } from './cleanup.js'

const TAIL_CHARS = 8 * 1024

export interface Worker {
  readonly pid: number
  readonly proc: ChildProcess
  /** The next JSON line the worker prints; rejects on exit or after `timeoutMs`. */
  next<T = Record<string, unknown>>(timeoutMs?: number): Promise<T>
  /** Sends one JSON command line. */
  send(message: unknown): void
  stop(): Promise<void>
}

/**
 * Starts bench/workers/<name>.js with `args`, under the same V8 flags as a
 * PeerShare daemon, so a baseline runs on the same runtime as what it is
 * compared with.
 */
export function startWorker (name: string, args: readonly string[], nodeArgs: readonly string[] = []): Worker {
  const script = fileURLToPath(new URL(`../workers/${name}.js`, import.meta.url))
  const proc = spawn(process.execPath, [...NODE_FLAGS, ...nodeArgs, script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
  trackProcess(proc)
  let tail = ''
  proc.stderr!.setEncoding('utf8')
  proc.stderr!.on('data', (t: string) => { tail = (tail + t).slice(-TAIL_CHARS) })
  const queue: string[] = []
  const waiters: Array<(line: string | undefined) => void> = []
  let exited = false
  createInterface({ input: proc.stdout! }).on('line', line => {
    const w = waiters.shift()
    if (w != null) w(line)
    else queue.push(line)
  })
  proc.once('exit', () => {
    exited = true
    setTimeout(() => { for (const w of waiters.splice(0)) w(undefined) }, 50)
  })
  proc.stdin!.on('error', () => {})

  return {
    pid: proc.pid!,
    proc,
    async next<T> (timeoutMs = 120_000): Promise<T> {
      const line = queue.shift() ?? (exited
        ? undefined
        : await new Promise<string | undefined>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`worker ${name}: no answer within ${timeoutMs} ms\n${tail}`)), timeoutMs)
          waiters.push(l => { clearTimeout(timer); resolve(l) })
        }))
      if (line == null) throw new Error(`worker ${name} exited (${proc.exitCode ?? proc.signalCode})\n${tail}`)
      return JSON.parse(line) as T
    },
    send (message: unknown): void {
      proc.stdin!.write(`${JSON.stringify(message)}\n`)
    },
    async stop (): Promise<void> {
      proc.stdin!.end()
      await stopProcess(proc, 5_000)
    }
  }
}

/** Runs a worker that prints one JSON result and exits. */
export async function runWorker<T> (name: string, args: readonly string[], timeoutMs = 300_000): Promise<T> {
  const w = startWorker(name, args)
  try {
    return await w.next<T>(timeoutMs)
  } finally {
    await w.stop()
  }
}
