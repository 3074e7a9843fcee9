/**
 * A daemon's memory as the system sees it (bench/support/proc-stats.ts reads
 * /proc), sampled while a test attacks it, to bound what a hostile peer can
 * make a node hold.
 */
import { memoryOf } from '../../bench/support/proc-stats.js'

/** Resident set size of a process in bytes; undefined where /proc is missing or the process is gone. */
export async function rssOf (pid: number | undefined): Promise<number | undefined> {
  return pid == null ? undefined : memoryOf(pid)?.rss
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
