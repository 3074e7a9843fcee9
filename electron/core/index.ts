/**
 * The engine's face: what hosts (Electron main, the headless daemon, the
 * CLI) and tests may import. Everything else in electron/core is internal.
 */
export { createEngine } from './engine/index.js'
export { startRelayNode } from './node/relay-node.js'
export { toErrorBody, PeerShareError } from './errors.js'
export { profilePath, writeFileAtomic, isFileExists } from './profile/index.js'
export type { ChunkSource, ChunkSourceDecorator, Engine, EngineInit } from './types.js'
