/**
 * Everything the benchmark suite starts is undone here: child processes are
 * SIGTERMed (then SIGKILLed), the bench folder under the system temp dir is
 * deleted, on a normal end, on an error and on Ctrl-C alike.
 */
import type { ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

const processes = new Set<ChildProcess>()
const dirs = new Set<string>()
let interrupted = false

/** Tracks a child process until it exits. */
export function trackProcess (proc: ChildProcess): void {
  processes.add(proc)
  proc.once('exit', () => processes.delete(proc))
}

/** A folder deleted (recursively) at the end. */
export function trackDir (dir: string): void {
  dirs.add(dir)
}

/** Whether Ctrl-C (or SIGTERM) was received; loops check it to stop early. */
export function wasInterrupted (): boolean {
  return interrupted
}

/** Stops one process: SIGTERM, up to `graceMs` to exit, then SIGKILL. */
export async function stopProcess (proc: ChildProcess, graceMs = 10_000): Promise<void> {
  if (proc.exitCode != null || proc.signalCode != null) return
  const exited = new Promise<void>(resolve => proc.once('exit', () => resolve()))
  proc.kill('SIGTERM')
  const graceful = await Promise.race([exited.then(() => true), sleep(graceMs, false, { ref: false })])
  if (!graceful) {
    proc.kill('SIGKILL')
    await exited
  }
}

/** Stops every tracked process and deletes every tracked folder. */
export async function cleanupAll (): Promise<void> {
  await Promise.all([...processes].map(async p => stopProcess(p, 5_000)))
  for (const d of dirs) {
    try { rmSync(d, { recursive: true, force: true, maxRetries: 3 }) } catch {}
  }
  dirs.clear()
}

/** Installs the Ctrl-C / SIGTERM handler and the last-resort exit hook. */
export function installSignalHandlers (): void {
  const onSignal = (sig: NodeJS.Signals): void => {
    if (interrupted) return
    interrupted = true
    process.stderr.write(`\nbench: ${sig}; stopping every process and deleting temp files…\n`)
    void cleanupAll().finally(() => process.exit(130))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  process.once('exit', () => {
    for (const p of processes) {
      try { p.kill('SIGKILL') } catch {}
    }
    for (const d of dirs) {
      try { rmSync(d, { recursive: true, force: true }) } catch {}
    }
  })
}
