/**
 * The PeerShare contract: views, commands, events, error codes and the link
 * format, shared by the engine's hosts and every client. No runtime deps.
 */
export * from './views.js'
export * from './api.js'
export * from './events.js'
export * from './errors.js'
export * from './link.js'
export * from './format.js'
export * from './http.js'
export * from './bridge.js'
