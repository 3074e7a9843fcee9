/**
 * What the kernel says about a process: resident memory now (VmRSS), its
 * peak (VmHWM) and CPU time used, read from /proc (Linux only).
 */
import { readFileSync } from 'node:fs'

export const MiB = 1024 * 1024
export const GiB = 1024 * MiB

export interface MemoryStatus {
  /** Resident set size now, bytes. */
  readonly rss: number
  /** Peak resident set size since the process started, bytes. */
  readonly peak: number
}

/** VmRSS and VmHWM of a live process; undefined if it is gone. */
export function memoryOf (pid: number): MemoryStatus | undefined {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return undefined
  }
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024
  return { rss: kib('VmRSS'), peak: kib('VmHWM') }
}

const TICKS_PER_SECOND = 100

/** User + system CPU seconds used by a live process so far (its own, not its children's). */
export function cpuSecondsOf (pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may contain spaces) start at its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
  } catch {
    return NaN
  }
}

/** Measures a process's CPU seconds between two moments. */
export function cpuMeter (pid: number): () => number {
  const start = cpuSecondsOf(pid)
  return () => cpuSecondsOf(pid) - start
}
