/**
 * The renderer's store: holds the AppState, feeds it the host's snapshots
 * and events through the reducer, and tells subscribers when it changed.
 * Shares, transfers (with a download's progress) and traffic rates arrive
 * as events. Snapshots are fetched at start and after the event stream
 * reconnects (events were missed while it was down); settings are re-read
 * when their view opens; health (ping latency, per-peer bytes, the DHT) has
 * no events and is polled every few seconds.
 */
import type { PeerShareApi } from '../../../shared/index.js'
import type { HostConnection } from '../bridge/index.js'
import { reduce, type Action } from './reducer.js'
import { INITIAL_STATE, type AppState } from './state.js'

/** Health (peers with latency and bytes, the DHT) has no events; it is re-read this often, ms. */
const HEALTH_POLL_MS = 3000

export class Store {
  readonly #connection: HostConnection
  readonly #listeners = new Set<() => void>()
  #state: AppState
  #stops: Array<() => void> = []
  #poll: ReturnType<typeof setInterval> | undefined

  constructor (connection: HostConnection) {
    this.#connection = connection
    this.#state = { ...INITIAL_STATE, link: connection.events?.state ?? 'local' }
  }

  /** The host's commands, for views that act. */
  get api (): PeerShareApi {
    return this.#connection.bridge.api
  }

  get connection (): HostConnection {
    return this.#connection
  }

  readonly getState = (): AppState => this.#state

  /** useSyncExternalStore's subscribe: called on every change. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => { this.#listeners.delete(listener) }
  }

  /** Applies an action (events, or a command's answer so the view updates at once). */
  dispatch (action: Action): void {
    const next = reduce(this.#state, action)
    if (next === this.#state) return
    this.#state = next
    for (const listener of [...this.#listeners]) listener()
  }

  /** Subscribes to events, loads every snapshot and starts polling; idempotent. */
  start (): void {
    if (this.#stops.length > 0) return
    const { bridge, events } = this.#connection
    this.#stops.push(bridge.subscribe(event => { this.dispatch(event) }))
    if (events != null) {
      this.#stops.push(events.onState(state => {
        const wasDown = this.#state.link === 'reconnecting'
        this.dispatch({ kind: 'link', link: state })
        if (state === 'open' && wasDown) void this.refreshAll()
      }))
    }
    void this.refreshAll().then(() => { this.dispatch({ kind: 'loaded' }) })
    // Transfers, shares and rates arrive as events; peers' latency and byte counts and the DHT do not.
    // While the event stream is down the host is too: the header says so, and its return refreshes everything.
    this.#poll = setInterval(() => { if (this.#state.link !== 'reconnecting') void this.refreshLive() }, HEALTH_POLL_MS)
  }

  stop (): void {
    for (const stop of this.#stops.splice(0)) stop()
    clearInterval(this.#poll)
    this.#poll = undefined
  }

  /** Fetches every snapshot. */
  async refreshAll (): Promise<void> {
    const api = this.api
    await this.#load(async () => {
      const [health, shares, shareJobs, transfers, settings, devices, offers] = await Promise.all([
        api.status({}), api.shares({}), api.shareJobs({}), api.transfers({}), api.settings({}), api.devices({}), api.offers({})
      ])
      return { health, shares, shareJobs, transfers, settings, devices, offers, peers: health.connections, dht: health.dht }
    })
  }

  /** Fetches what changes without events: health (peers with latency and bytes, DHT), and devices that left Nearby quietly. */
  async refreshLive (): Promise<void> {
    await this.#load(async () => {
      const [health, devices] = await Promise.all([this.api.status({}), this.api.devices({})])
      return { health, devices, peers: health.connections, dht: health.dht }
    })
  }

  /** Re-fetches settings after a change. */
  async refreshSettings (): Promise<void> {
    await this.#load(async () => ({ settings: await this.api.settings({}) }))
  }

  async #load (fetch: () => Promise<Extract<Action, { kind: 'snapshot' }>['patch']>): Promise<void> {
    try {
      const patch = await fetch()
      this.dispatch({ kind: 'snapshot', patch })
      this.dispatch({ kind: 'refresh-error', message: null })
    } catch (err) {
      this.dispatch({ kind: 'refresh-error', message: (err as Error).message })
    }
  }
}
