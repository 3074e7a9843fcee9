/**
 * A cleanup registry for integration tests: everything a test starts (daemon
 * processes, temp dirs, mounts, raw libp2p nodes) registers how to undo it
 * here, and `cleanupAll()` undoes it all (processes first, then newest
 * first), even after a failure.
 * Each test file runs in its own process, so one registry per process is
 * one registry per test file.
 */
import type { ChildProcess } from 'node:child_process'

type CleanupFn = () => void | Promise<void>

const tasks: Array<{ what: string, fn: CleanupFn, phase?: 'processes' }> = []
const liveProcesses = new Set<ChildProcess>()

/**
 * Registers an undo step. Steps in the 'processes' phase (stopping daemons
 * and nodes) all run first and together; then the other steps run newest
 * first (unmounts before removing the dirs under them, and so on).
 * Returns a function that unregisters the step.
 */
export function registerCleanup (what: string, fn: CleanupFn, phase?: 'processes'): () => void {
  const task = { what, fn, phase }
  tasks.push(task)
  return () => {
    const i = tasks.indexOf(task)
    if (i !== -1) tasks.splice(i, 1)
  }
}

/** Tracks a child process so it is SIGKILLed even if the test process dies abruptly. */
export function trackProcess (proc: ChildProcess): void {
  liveProcesses.add(proc)
  proc.once('exit', () => liveProcesses.delete(proc))
}

/** Runs every registered undo step (processes first, then newest first); errors are reported, not thrown. */
export async function cleanupAll (): Promise<void> {
  const first = tasks.filter(t => t.phase === 'processes')
  const rest = tasks.filter(t => t.phase !== 'processes').reverse()
  tasks.length = 0
  await Promise.all(first.map(runTask))
  for (const task of rest) await runTask(task)
  for (const proc of liveProcesses) proc.kill('SIGKILL')
}

async function runTask (task: { what: string, fn: CleanupFn }): Promise<void> {
  const started = Date.now()
  try {
    await task.fn()
    const ms = Date.now() - started
    if (ms > 5000) process.stderr.write(`cleanup "${task.what}" took ${ms} ms\n`)
  } catch (err) {
    process.stderr.write(`cleanup "${task.what}" failed: ${(err as Error)?.stack ?? String(err)}\n`)
  }
}

// Last line of defence: a test process that exits (or crashes) never leaves a daemon behind.
process.once('exit', () => {
  for (const proc of liveProcesses) {
    try { proc.kill('SIGKILL') } catch {}
  }
})
