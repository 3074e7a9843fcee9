/**
 * Polling with a deadline. Integration tests observe other processes, so
 * they wait for a condition rather than sleep, and a timeout names what was
 * awaited and the last thing seen.
 */
import { setTimeout as sleep } from 'node:timers/promises'

export interface WaitForOptions {
  /** Give up after this long; default 30 s. */
  timeoutMs?: number
  /** Poll this often; default 250 ms. */
  intervalMs?: number
  /** What is awaited, in words, for the failure message. */
  what: string
  /** Extra context for the failure message, e.g. the current view as JSON. */
  diagnose?: () => unknown | Promise<unknown>
}

/** Thrown from a predicate to stop waiting at once (e.g. a transfer failed while waiting for 'done'). */
export class StopWaiting extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'StopWaiting'
  }
}

/**
 * Polls `predicate` until it returns something other than false/null/undefined,
 * and returns that. Errors thrown by the predicate are remembered and retried
 * (a daemon may be briefly busy) except StopWaiting, which ends the wait.
 */
export async function waitFor<T> (predicate: () => T | Promise<T>, options: WaitForOptions): Promise<Exclude<T, false | null | undefined>> {
  const timeoutMs = options.timeoutMs ?? 30_000
  const intervalMs = options.intervalMs ?? 250
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  let lastValue: unknown
  for (;;) {
    try {
      const value = await predicate()
      lastValue = value
      if (value !== false && value != null) return value as Exclude<T, false | null | undefined>
    } catch (err) {
      if (err instanceof StopWaiting) throw err
      lastError = err
    }
    if (Date.now() >= deadline) break
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())))
  }
  let message = `Timed out after ${timeoutMs} ms waiting for ${options.what}`
  if (lastError != null) message += `\nlast error: ${(lastError as Error)?.message ?? String(lastError)}`
  else message += `\nlast value: ${safeJson(lastValue)}`
  if (options.diagnose != null) {
    try {
      message += `\ncontext: ${safeJson(await options.diagnose())}`
    } catch (err) {
      message += `\ncontext unavailable: ${(err as Error)?.message ?? String(err)}`
    }
  }
  throw new Error(message)
}

/** JSON for failure messages, truncated so a huge view does not drown the report. */
export function safeJson (value: unknown, max = 4000): string {
  let text: string
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value, null, 1)
  } catch {
    text = String(value)
  }
  if (text === undefined) text = String(value)
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more chars)` : text
}
