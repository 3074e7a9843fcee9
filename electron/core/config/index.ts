/**
 * The engine's configuration: a profile's settings for one run (settings.ts),
 * the file they are saved in (settings-file.ts) and the full check every
 * setting and node option passes first (settings-check.ts).
 */
export { ProfileSettings } from './settings.js'
