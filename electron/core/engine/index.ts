/**
 * The engine folder's face: how to build an engine, and how to read a
 * profile no engine runs for. Everything else in this folder is the
 * engine's own business.
 */
export { createEngine } from './engine.js'
export { readProfileAtRest, type ProfileAtRest } from './profile-at-rest.js'
