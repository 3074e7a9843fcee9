/**
 * The engine folder's face: how to build an engine. Everything else in this
 * folder is the engine's own business.
 */
export { createEngine } from './engine.js'
