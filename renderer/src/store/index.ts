/**
 * The store's face: the Store, the subscription hook, and what the views
 * need to read the state.
 */
export { Store } from './store.js'
export { StoreContext, useStore, useStoreInstance } from './use-store.js'
export { connectionKey } from './reducer.js'
export { STATS_WINDOW_MS } from './state.js'
