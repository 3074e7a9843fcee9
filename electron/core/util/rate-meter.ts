/**
 * Bytes per second over a sliding window, for transfer speeds, per-peer
 * rates and the bandwidth view.
 */

export interface RateMeterInit {
  /** Window length, ms. Default 5 s. */
  window?: number
}

export class RateMeter {
  private readonly window: number
  private readonly samples: Array<{ at: number, bytes: number }> = []
  private sum = 0
  total = 0

  constructor (init: RateMeterInit = {}) {
    this.window = init.window ?? 5_000
  }

  add (bytes: number, at = Date.now()): void {
    this.samples.push({ at, bytes })
    this.sum += bytes
    this.total += bytes
    this.trim(at)
  }

  /** Bytes per second over the window (or since the first sample, if younger). */
  rate (now = Date.now()): number {
    this.trim(now)
    if (this.samples.length === 0) return 0
    const span = Math.max(1000, Math.min(this.window, now - this.samples[0].at))
    return (this.sum / span) * 1000
  }

  private trim (now: number): void {
    while (this.samples.length > 0 && now - this.samples[0].at > this.window) {
      this.sum -= this.samples.shift()!.bytes
    }
  }
}
