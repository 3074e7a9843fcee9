/**
 * How a transfer's loops wait for news: until something wakes them (a chunk
 * arrived, a peer joined, the manifest came), the run is stopped, or a time
 * has passed. Waking with nobody waiting is a no-op: the loops look at their
 * state again before waiting.
 */

export class Wakeup {
  private waiter?: () => void

  /** Ends the current wait, if any. */
  wake (): void {
    this.waiter?.()
  }

  /** Waits until woken, until the signal aborts, or `ms` passed (no limit when undefined). */
  async wait (ms: number | undefined, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return
    await new Promise<void>(resolve => {
      const done = (): void => {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        if (this.waiter === done) this.waiter = undefined
        resolve()
      }
      const timer = ms == null ? undefined : setTimeout(done, ms)
      signal.addEventListener('abort', done, { once: true })
      this.waiter = done
    })
  }
}
