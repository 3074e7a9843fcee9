/**
 * A token bucket that caps a byte rate (upload or download). Waiters are
 * served in order; a rate of 0 means unlimited and never waits.
 */
import type { AbortOptions } from '@libp2p/interface'

export interface RateLimiterInit {
  /** Bytes per second; 0 for unlimited. Default 0. */
  bytesPerSecond?: number
}

export class RateLimiter {
  private rate: number
  private tokens = 0
  private last = Date.now()
  private queue: Promise<void> = Promise.resolve()

  constructor (init: RateLimiterInit = {}) {
    this.rate = init.bytesPerSecond ?? 0
  }

  get bytesPerSecond (): number {
    return this.rate
  }

  setRate (bytesPerSecond: number): void {
    this.rate = Math.max(0, bytesPerSecond)
  }

  /** Resolves once `bytes` may be sent at the configured rate. */
  async take (bytes: number, options: AbortOptions = {}): Promise<void> {
    if (this.rate === 0) return
    const turn = this.queue.then(async () => this.wait(bytes, options))
    // A waiter that aborts must not block the ones behind it.
    this.queue = turn.catch(() => {})
    return turn
  }

  private async wait (bytes: number, options: AbortOptions): Promise<void> {
    if (this.rate === 0) return
    const now = Date.now()
    // Allow a small burst (a quarter second of rate) to smooth timer jitter.
    this.tokens = Math.min(this.rate / 4, this.tokens + (now - this.last) / 1000 * this.rate)
    this.last = now
    this.tokens -= bytes
    if (this.tokens >= 0) return
    const ms = (-this.tokens / this.rate) * 1000
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { options.signal?.removeEventListener('abort', onAbort); resolve() }, ms)
      const onAbort = (): void => { clearTimeout(timer); reject(options.signal?.reason) }
      options.signal?.addEventListener('abort', onAbort, { once: true })
    })
  }
}
