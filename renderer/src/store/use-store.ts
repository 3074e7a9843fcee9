/**
 * The one way React reads the store: `useStore(selector)` subscribes a
 * component to exactly the slice it selects. Selectors must return a part
 * of the state (not a new object or array), so an unrelated change leaves
 * the component alone; derive anything else with useMemo.
 */
import { createContext, useContext, useSyncExternalStore } from 'react'
import type { AppState } from './state.js'
import type { Store } from './store.js'

export const StoreContext = createContext<Store | null>(null)

/** The store itself, for components that act (commands, dispatch). */
export function useStoreInstance (): Store {
  const store = useContext(StoreContext)
  if (store == null) throw new Error('useStore outside <StoreContext.Provider>')
  return store
}

/** Subscribes to one slice of the state. */
export function useStore<T> (selector: (state: AppState) => T): T {
  const store = useStoreInstance()
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()))
}
