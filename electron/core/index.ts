/**
 * The engine's face: what hosts (Electron main, the headless daemon, the
 * CLI) and tests may import. Everything else in electron/core is internal.
 */
export { createEngine, readProfileAtRest, type ProfileAtRest } from './engine/index.js'
export { startRelayNode } from './node/relay-node.js'
export { DEFAULT_CHUNK_SIZE } from './defaults.js'
export { toErrorBody, isAbort, PeerShareError } from './errors.js'
export { ProfileInUseError } from './library/store.js'
export { profilePath, profileExists, writeFileAtomic, isFileExists, ProfileNotFolderError, ProfileNotFoundError } from './profile/index.js'
export { rankByDistance, type Closeness } from './node/kad-id.js'
export { ShareKeys, newSecret, proverOf } from './access/index.js'
export type { ChunkSource, ChunkSourceDecorator, Engine, EngineInit } from './types.js'
