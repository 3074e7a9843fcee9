/**
 * The engine's face: what hosts (Electron main, the headless daemon, the
 * CLI) and tests may import. Everything else in electron/core is internal.
 */
export { createEngine } from './engine/index.js'
export { DEFAULT_CHUNK_SIZE } from './defaults.js'
export { toErrorBody, isAbort, PeerShareError } from './errors.js'
export { ProfileInUseError } from './library/store.js'
export { profilePath, writeFileAtomic, isFileExists } from './profile/index.js'
export { rankByDistance, type Closeness } from './node/kad-id.js'
export type { Engine, EngineInit, Misbehaviour } from './types.js'
