/**
 * Views of the folders of the machine a node runs on, for the file chooser
 * and path completion (conventions as in views.ts).
 */

/** One entry of a folder on the node's machine, as the file chooser lists it. */
export interface FolderEntryView {
  readonly name: string
  /** Absolute path. */
  readonly path: string
  readonly kind: 'file' | 'folder'
  /** Bytes, for a file; null for a folder. */
  readonly size: number | null
}

/** A folder of the machine the node runs on, for the file chooser and path completion. */
export interface FolderListingView {
  /** The folder listed, absolute. */
  readonly folder: string
  /** Its parent folder, or null at the top. */
  readonly parent: string | null
  /** The home folder: what `~` stands for. */
  readonly home: string
  /** The node's path separator: '/' or '\\'. */
  readonly separator: string
  /** The start of a name the entries were narrowed to (case-insensitive); '' lists them all. */
  readonly filter: string
  /** Folders first, then files, each by name; names starting with a dot only when the filter does. */
  readonly entries: readonly FolderEntryView[]
  /** More entries matched than are listed. */
  readonly truncated: boolean
}
