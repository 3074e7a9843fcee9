/**
 * A profile is a data directory holding all of an instance's state: its
 * layout (layout.ts), the one atomic write its files go through
 * (atomic-write.ts) and the peer key (peer-key.ts). Settings live in it too,
 * owned by ../config.
 */
export { profilePath, ensureProfileDir, profileExists, ProfileNotFolderError, ProfileNotFoundError } from './layout.js'
export { writeFileAtomic, isFileExists } from './atomic-write.js'
export { loadOrCreatePeerKey, readPeerKey } from './peer-key.js'
