/**
 * The engine's face: what hosts (Electron main, the headless daemon, the
 * CLI) and tests may import. Everything else in electron/core is internal.
 */
export { createEngine } from './engine/index.js'
export { toErrorBody, PeerShareError } from './errors.js'
export { profilePath, writeFileAtomic, isFileExists } from './profile/index.js'
export type { Engine, EngineInit } from './types.js'
