/**
 * The engine's events: who listens, and how often progress is worth telling.
 * A transfer or a share changes many times a second while data moves; per
 * key, listeners get at most one event every EVENT_THROTTLE, but at once
 * when the state changes, and a trailing event after the last change so the
 * final figures always arrive. The hub outlives start and stop: listeners
 * subscribed before start keep their subscription.
 */
import { EVENT_THROTTLE } from '../defaults.js'
import { log } from '../logger.js'
import type { PeerShareEvent } from '../../../shared/index.js'

const logger = log('engine:events')

export type EventListener = (event: PeerShareEvent) => void

/** Builds the event when it is sent (so a trailing event carries the latest view); undefined to send nothing. */
export type EventSource = () => PeerShareEvent | undefined

export interface EventHubInit {
  /** Minimum gap between two events of one key, ms. Default EVENT_THROTTLE (250 ms). */
  throttle?: number
}

interface KeyState {
  /** When the last event of this key was sent. */
  at: number
  state: string
  /** The trailing event, while one is due. */
  timer?: ReturnType<typeof setTimeout>
  latest?: EventSource
}

export class EventHub {
  private readonly throttle: number
  private readonly listeners = new Set<EventListener>()
  private readonly keys = new Map<string, KeyState>()

  constructor (init: EventHubInit = {}) {
    this.throttle = init.throttle ?? EVENT_THROTTLE
  }

  /** Receive every event; returns the unsubscribe function. */
  subscribe (listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  /** Sends an event to every listener now; a listener that throws does not keep it from the others. */
  emit (event: PeerShareEvent): void {
    for (const l of this.listeners) {
      try {
        l(event)
      } catch (err) {
        logger.error('event listener failed: %e', err)
      }
    }
  }

  /**
   * Sends `source`'s event for `key` now when `state` differs from the last
   * one sent or the key's window has passed; otherwise once the window ends.
   */
  throttled (key: string, state: string, source: EventSource): void {
    const now = Date.now()
    const last = this.keys.get(key)
    if (last == null || last.state !== state || now - last.at >= this.throttle) {
      clearTimeout(last?.timer)
      this.keys.set(key, { at: now, state })
      this.send(source)
      return
    }
    last.latest = source
    last.timer ??= setTimeout(() => {
      const latest = last.latest
      last.timer = undefined
      last.latest = undefined
      last.at = Date.now()
      if (latest != null) this.send(latest)
    }, this.throttle - (now - last.at))
  }

  /** Drops the trailing events still due (the engine stopped); listeners stay. */
  clear (): void {
    for (const k of this.keys.values()) clearTimeout(k.timer)
    this.keys.clear()
  }

  private send (source: EventSource): void {
    const event = source()
    if (event != null) this.emit(event)
  }
}
