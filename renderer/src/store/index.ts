/**
 * The store's face: state types, the Store, and the subscription hook.
 */
export { Store } from './store.js'
export { StoreContext, useStore, useStoreInstance } from './use-store.js'
export { reduce, appendSample, keepUnchanged, connectionKey, type Action, type Snapshot } from './reducer.js'
export { INITIAL_STATE, STATS_WINDOW_MS, type AppState, type LinkState, type StatsSample } from './state.js'
