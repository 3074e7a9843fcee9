/**
 * The daemon's event stream over a WebSocket, kept alive: one socket shared
 * by every listener, reopened after a drop with a bounded, jittered backoff,
 * and a connection state others can watch (the store re-fetches its
 * snapshots whenever the socket comes back, since events were missed while
 * it was down).
 */
import { EVENTS_PATH, TOKEN_QUERY_PARAM, type PeerShareEvent } from '../../../shared/index.js'

/** Whether events are flowing. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting'

export interface EventSocketInit {
  /** The page's origin, e.g. http://127.0.0.1:43121 (the socket goes to the same host). */
  readonly origin: string
  readonly token: string
  /** First retry delay; default 500 ms, doubling up to maxDelayMs. */
  readonly minDelayMs?: number
  /** Longest retry delay; default 5 s, so a restarted node is found again within seconds. */
  readonly maxDelayMs?: number
}

/** A self-healing subscription to /api/events. */
export class EventSocket {
  readonly #url: string
  readonly #minDelay: number
  readonly #maxDelay: number
  readonly #listeners = new Set<(event: PeerShareEvent) => void>()
  readonly #stateListeners = new Set<(state: ConnectionState) => void>()
  #socket: WebSocket | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #attempt = 0
  #state: ConnectionState = 'connecting'

  constructor (init: EventSocketInit) {
    const url = new URL(EVENTS_PATH, init.origin)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    url.searchParams.set(TOKEN_QUERY_PARAM, init.token)
    this.#url = url.toString()
    this.#minDelay = init.minDelayMs ?? 500
    this.#maxDelay = init.maxDelayMs ?? 5_000
  }

  get state (): ConnectionState {
    return this.#state
  }

  /** Adds an event listener, opening the socket for the first one; returns its remover. */
  subscribe (listener: (event: PeerShareEvent) => void): () => void {
    this.#listeners.add(listener)
    if (this.#socket == null && this.#timer == null) this.#open()
    return () => {
      this.#listeners.delete(listener)
      if (this.#listeners.size === 0) this.#close()
    }
  }

  /** Watches the connection state; returns the remover. */
  onState (listener: (state: ConnectionState) => void): () => void {
    this.#stateListeners.add(listener)
    return () => { this.#stateListeners.delete(listener) }
  }

  #setState (state: ConnectionState): void {
    if (state === this.#state) return
    this.#state = state
    for (const listener of [...this.#stateListeners]) listener(state)
  }

  #open (): void {
    this.#timer = undefined
    let socket: WebSocket
    try {
      socket = new WebSocket(this.#url)
    } catch {
      this.#retry()
      return
    }
    this.#socket = socket
    socket.onopen = () => {
      this.#attempt = 0
      this.#setState('open')
    }
    socket.onmessage = message => {
      if (typeof message.data !== 'string') return
      let event: PeerShareEvent
      try {
        event = JSON.parse(message.data) as PeerShareEvent
      } catch {
        return
      }
      for (const listener of [...this.#listeners]) listener(event)
    }
    socket.onclose = () => {
      if (this.#socket !== socket) return
      this.#socket = undefined
      this.#retry()
    }
  }

  #retry (): void {
    if (this.#listeners.size === 0) return
    this.#setState('reconnecting')
    const base = Math.min(this.#maxDelay, this.#minDelay * 2 ** this.#attempt)
    this.#attempt = Math.min(this.#attempt + 1, 16)
    // Jitter keeps several tabs from hammering a restarting daemon in lockstep.
    const delay = base / 2 + Math.random() * base / 2
    this.#timer = setTimeout(() => { this.#open() }, delay)
  }

  #close (): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    const socket = this.#socket
    this.#socket = undefined
    if (socket != null) {
      socket.onclose = null
      socket.close()
    }
    this.#attempt = 0
    this.#setState('connecting')
  }
}
