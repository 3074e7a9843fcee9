/**
 * One direction of a proxied connection: copies what one socket reads into
 * the other, holding each chunk back by the sender's added latency and, for
 * a chunk that "lost" a segment, by a retransmission timeout, always in
 * order. Conditions are read per chunk, so a change applies at once.
 * Backpressure: the source is paused while the destination is full or too
 * much waits in the delay queue.
 */
import type { Socket } from 'node:net'
import type { LinkConditions } from '../../../shared/lab.js'
import { isClear, lossDelay } from './conditions.js'

/** Bytes held in the delay queue before the source is paused. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024

export interface ShapedPipeComponents {
  /** Where bytes come from and go to. */
  readonly from: Socket
  readonly to: Socket
  /** The sender's conditions, read for every chunk. */
  readonly conditions: () => LinkConditions
  /** Counts bytes delivered, for the lab's figures. */
  readonly onBytes?: (bytes: number) => void
  /** Injectable randomness for tests. */
  readonly random?: () => number
}

/** A running copy from one socket to the other. */
export class ShapedPipe {
  readonly #c: ShapedPipeComponents
  readonly #queue: Array<{ at: number, data: Buffer }> = []
  #queued = 0
  #timer: ReturnType<typeof setTimeout> | undefined
  #lastDue = 0
  #ended = false
  #closed = false

  constructor (components: ShapedPipeComponents) {
    this.#c = components
    const { from, to } = components
    from.on('data', (data: Buffer) => { this.#onData(data) })
    from.on('end', () => {
      this.#ended = true
      this.#flushEnd()
    })
    to.on('drain', () => { this.#maybeResume() })
  }

  /** Stops delivering; what is queued is dropped. */
  close (): void {
    this.#closed = true
    clearTimeout(this.#timer)
    this.#queue.length = 0
    this.#queued = 0
  }

  #onData (data: Buffer): void {
    if (this.#closed) return
    const conditions = this.#c.conditions()
    const now = Date.now()
    if (this.#queue.length === 0 && isClear(conditions)) {
      this.#deliver(data)
      return
    }
    // Never earlier than what is already queued: a byte stream stays in order.
    const due = Math.max(now + conditions.latencyMs + lossDelay(conditions, data.length, this.#c.random), this.#lastDue)
    this.#lastDue = due
    this.#queue.push({ at: due, data })
    this.#queued += data.length
    if (this.#queued > MAX_QUEUED_BYTES) this.#c.from.pause()
    this.#schedule()
  }

  #schedule (): void {
    if (this.#timer != null || this.#queue.length === 0) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#release()
    }, Math.max(0, this.#queue[0].at - Date.now()))
  }

  #release (): void {
    const now = Date.now()
    while (this.#queue.length > 0 && this.#queue[0].at <= now && !this.#closed) {
      const item = this.#queue.shift()!
      this.#queued -= item.data.length
      this.#deliver(item.data)
    }
    this.#maybeResume()
    this.#flushEnd()
    this.#schedule()
  }

  #deliver (data: Buffer): void {
    const { to } = this.#c
    if (to.destroyed) return
    if (!to.write(data)) this.#c.from.pause()
    this.#c.onBytes?.(data.length)
  }

  #maybeResume (): void {
    const { from, to } = this.#c
    if (this.#queued <= MAX_QUEUED_BYTES && !to.writableNeedDrain && from.isPaused() && !from.destroyed) from.resume()
  }

  #flushEnd (): void {
    if (this.#ended && this.#queue.length === 0 && !this.#c.to.destroyed) this.#c.to.end()
  }
}
