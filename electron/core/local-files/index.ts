/**
 * The person's own files on the machine the node runs on: the paths they
 * type (user-path.ts) and the folders the file chooser lists
 * (folder-listing.ts).
 */
export { resolveUserPath, RelativePathError } from './user-path.js'
export { listFolder, FolderNotFoundError } from './folder-listing.js'
