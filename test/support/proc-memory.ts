/**
 * A daemon's memory as the system sees it, read from /proc, for tests that
 * bound what a hostile peer can make a node hold.
 */
import { readFile } from 'node:fs/promises'

export const MiB_BYTES = 1024 * 1024

/** Resident set size of a process in bytes; undefined where /proc is missing or the process is gone. */
export async function rssOf (pid: number | undefined): Promise<number | undefined> {
  if (pid == null) return undefined
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]
    return kb == null ? undefined : Number(kb) * 1024
  } catch {
    return undefined
  }
}

/** Samples a process's RSS every `intervalMs` until stopped; returns the peak seen. */
export function sampleRss (pid: number | undefined, intervalMs = 200): { stop: () => Promise<number> } {
  let peak = 0
  let stopped = false
  const loop = (async () => {
    while (!stopped) {
      peak = Math.max(peak, (await rssOf(pid)) ?? 0)
      await new Promise(resolve => setTimeout(resolve, intervalMs))
    }
  })()
  return {
    stop: async () => {
      stopped = true
      await loop
      return peak
    }
  }
}
