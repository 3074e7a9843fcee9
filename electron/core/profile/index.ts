/**
 * A profile is a data directory holding all of an instance's state: its
 * layout (layout.ts), the one atomic write its files go through
 * (atomic-write.ts) and the peer key (peer-key.ts). Settings live in it too,
 * owned by ../config.
 */
export { PROFILE_FILES, profilePath, ensureProfileDir, type ProfileEntry } from './layout.js'
export { writeFileAtomic, isFileExists, type WriteFileAtomicOptions } from './atomic-write.js'
export { loadOrCreatePeerKey, PeerKeyError } from './peer-key.js'
