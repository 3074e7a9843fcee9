/**
 * The PeerShare contract: views, commands, events, error codes and the link
 * format, the settings checks and the HTTP client, shared by the engine's
 * hosts and every client. No runtime deps.
 */
export * from './views.js'
export * from './network-views.js'
export * from './settings-views.js'
export * from './folder-views.js'
export * from './inspector.js'
export * from './api.js'
export * from './events.js'
export * from './errors.js'
export * from './link.js'
export * from './pairing-link.js'
export * from './format.js'
export * from './reach.js'
export * from './http.js'
export * from './http-status.js'
export * from './api-client.js'
export * from './client-errors.js'
export * from './settings-check.js'
export * from './bridge.js'
export * from './share-job.js'
export * from './limits.js'
