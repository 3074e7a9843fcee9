/**
 * Network conditions for one lab instance, and how a lost segment is
 * emulated on a byte stream. A TCP proxy cannot drop bytes without breaking
 * the stream, so loss is modelled as TCP experiences it: a segment that is
 * lost arrives after a retransmission timeout, and what follows waits
 * behind it.
 */
import type { LinkConditions } from '../../../shared/lab.js'

/** No added delay, no loss. */
export const NO_CONDITIONS: LinkConditions = Object.freeze({ latencyMs: 0, lossPercent: 0 })

/** The segment size loss is counted in (a typical Ethernet MSS). */
export const SEGMENT_BYTES = 1460

/** Linux's smallest retransmission timeout, ms. */
export const MIN_RTO_MS = 200

/** Largest latency the lab accepts, ms. */
export const MAX_LATENCY_MS = 60_000

/** Whether conditions change anything. */
export function isClear (c: LinkConditions): boolean {
  return c.latencyMs === 0 && c.lossPercent === 0
}

/** Checks and normalises conditions coming from a person or a file. */
export function checkConditions (c: LinkConditions): LinkConditions {
  if (!Number.isFinite(c.latencyMs) || c.latencyMs < 0 || c.latencyMs > MAX_LATENCY_MS) throw new RangeError(`latency must be between 0 and ${MAX_LATENCY_MS} ms (got ${c.latencyMs}).`)
  if (!Number.isFinite(c.lossPercent) || c.lossPercent < 0 || c.lossPercent > 100) throw new RangeError(`loss must be between 0 and 100 % (got ${c.lossPercent}).`)
  return { latencyMs: Math.round(c.latencyMs), lossPercent: c.lossPercent }
}

/**
 * The extra delay a chunk of `bytes` suffers from loss: with probability
 * 1 − (1 − p)^segments at least one of its segments is lost, and it then
 * arrives one retransmission timeout late (at least 200 ms, or twice the
 * added latency when that is longer). `random` is injectable for tests.
 */
export function lossDelay (c: LinkConditions, bytes: number, random: () => number = Math.random): number {
  if (c.lossPercent <= 0) return 0
  const segments = Math.max(1, Math.ceil(bytes / SEGMENT_BYTES))
  const pChunk = 1 - Math.pow(1 - c.lossPercent / 100, segments)
  return random() < pChunk ? Math.max(MIN_RTO_MS, 2 * c.latencyMs) : 0
}

/** `80 ms, 2 % loss`, or `none`. */
export function formatConditions (c: LinkConditions): string {
  const parts: string[] = []
  if (c.latencyMs > 0) parts.push(`${c.latencyMs} ms`)
  if (c.lossPercent > 0) parts.push(`${c.lossPercent} % loss`)
  return parts.length > 0 ? parts.join(', ') : 'none'
}
