/**
 * The dashboard's state, one way in and one way out: the lab's view read
 * once a second, the merged log fetched incrementally (only lines after the
 * last one seen), and React reads it through one subscription hook.
 */
import { createContext, useContext, useSyncExternalStore } from 'react'
import type { LabLogLine, LabView } from '../../../shared/lab.js'
import type { LabApi } from './lab-api.js'

/** Lines of the merged log the dashboard keeps. */
const LOG_LINES = 2000
/** How often the view and the log are read, ms. */
const POLL_MS = 1000

export interface LabState {
  readonly view: LabView | null
  readonly log: readonly LabLogLine[]
  /** Why the last read failed, or null. */
  readonly error: string | null
}

/** Holds the dashboard's state and reads the lab. */
export class LabStore {
  readonly api: LabApi
  #state: LabState = { view: null, log: [], error: null }
  readonly #listeners = new Set<() => void>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #lastSeq = 0

  constructor (api: LabApi) {
    this.api = api
  }

  getState = (): LabState => this.#state

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    return () => { this.#listeners.delete(listener) }
  }

  /** Reads now and then every second. */
  start (): void {
    void this.refresh()
  }

  /** Reads the view and new log lines; an action calls it to show its result at once. */
  refresh = async (): Promise<void> => {
    clearTimeout(this.#timer)
    try {
      const [view, log] = await Promise.all([this.api('view', {}), this.api('log', { after: this.#lastSeq, limit: 500 })])
      const lines = log.lines.length > 0 ? [...this.#state.log, ...log.lines].slice(-LOG_LINES) : this.#state.log
      if (log.lines.length > 0) this.#lastSeq = log.lines[log.lines.length - 1].seq
      this.#set({ view, log: lines, error: null })
    } catch (err) {
      this.#set({ ...this.#state, error: (err as Error).message })
    }
    this.#timer = setTimeout(() => { void this.refresh() }, POLL_MS)
  }

  #set (next: LabState): void {
    this.#state = next
    for (const l of this.#listeners) l()
  }
}

export const LabStoreContext = createContext<LabStore | null>(null)

/** The store, for components that act. */
export function useLabStoreInstance (): LabStore {
  const store = useContext(LabStoreContext)
  if (store == null) throw new Error('useLab outside <LabStoreContext.Provider>')
  return store
}

/** Subscribes to one slice of the dashboard's state. */
export function useLab<T> (selector: (state: LabState) => T): T {
  const store = useLabStoreInstance()
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()))
}
