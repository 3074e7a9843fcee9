/**
 * Path completion for the browser's "Path to share", as pure functions:
 * what a suggestion fills in (a folder's path ends with the separator, so
 * completion carries on into it) and when a typed path is worth asking the
 * node about.
 */
import type { FolderEntryView, FolderListingView } from '../../../../shared/index.js'

/** Suggestions shown at most; the chooser lists a whole folder. */
export const MAX_SUGGESTIONS = 12

/** What choosing `entry` puts in the field: its absolute path, with a separator after a folder. */
export function completionOf (entry: FolderEntryView, separator: string): string {
  return entry.kind === 'folder' ? `${entry.path}${separator}` : entry.path
}

/** The suggestions for a listing: at most MAX_SUGGESTIONS, none when the only one is what is already typed. */
export function suggestionsFor (listing: FolderListingView, typed: string): readonly FolderEntryView[] {
  const entries = listing.entries.slice(0, MAX_SUGGESTIONS)
  if (entries.length === 1 && completionOf(entries[0], listing.separator) === typed.trim()) return []
  return entries
}

/** Whether a typed path can be completed: it starts where a full path starts (/, a drive, or ~). */
export function completable (typed: string): boolean {
  const text = typed.trim()
  return text.startsWith('/') || text.startsWith('~') || /^[A-Za-z]:[\\/]/.test(text) || text.startsWith('\\\\')
}
