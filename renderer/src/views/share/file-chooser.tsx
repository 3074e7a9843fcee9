/**
 * The browser's file chooser, served by the node: a modal dialog listing a
 * folder of the computer PeerShare runs on (a browser page cannot learn the
 * paths of a native picker's files, but the node can list them). Folders
 * open, a file is chosen, or the folder shown is; each is a native button,
 * the dialog keeps focus inside and Escape closes it.
 */
import { useEffect, useId, useRef, useState } from 'react'
import { countOf, formatBytes, type FolderListingView } from '../../../../shared/index.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { useStoreInstance } from '../../store/index.js'

export interface FileChooserProps {
  /** Where to start: what the path field holds, else the home folder. */
  readonly start: string
  /** A file or folder was chosen. */
  readonly onChoose: (path: string) => void
  readonly onClose: () => void
}

export function FileChooser ({ start, onChoose, onClose }: FileChooserProps): React.JSX.Element {
  const store = useStoreInstance()
  const dialog = useRef<HTMLDialogElement>(null)
  const list = useRef<HTMLUListElement>(null)
  const titleId = useId()
  const [listing, setListing] = useState<FolderListingView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)

  const show = async (path: string, fallback?: string): Promise<void> => {
    setLoading(true)
    setError(null)
    try {
      const next = await store.api.browse({ path })
      // The dialog lists whole folders; a half-typed name narrows nothing here.
      setListing(next.filter === '' ? next : await store.api.browse({ path: next.folder }))
    } catch (err) {
      if (fallback != null) return await show(fallback)
      setError((err as Error).message)
    } finally {
      setLoading(false)
    }
  }

  useEffect(() => {
    if (dialog.current?.open === false) dialog.current.showModal()
    void show(start, '~')
  }, [])

  // After moving to another folder, focus goes to its first entry (or the dialog's first button).
  useEffect(() => {
    if (loading || listing == null) return
    const first = list.current?.querySelector('button') ?? dialog.current?.querySelector('button')
    first?.focus()
  }, [listing, loading])

  return (
    <dialog ref={dialog} className="chooser" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Choose what to share</h2>
      <p className="hint">Files and folders of the computer PeerShare runs on.</p>
      <div className="chooser-where">
        <button type="button" className="button small" disabled={loading || listing?.parent == null} onClick={() => { if (listing?.parent != null) void show(listing.parent) }}>Up one folder</button>
        <button type="button" className="button small" disabled={loading} onClick={() => { void show('~') }}>Home</button>
        <code className="wrap" aria-label="Folder shown">{listing?.folder ?? '…'}</code>
      </div>
      <ErrorAlert title="Cannot open this folder" message={error} />
      {listing == null
        ? <p role="status">{loading ? 'Listing…' : ''}</p>
        : (
          <>
            <p role="status" className="muted">{loading ? 'Listing…' : `${countOf(listing.entries.length, 'item')}${listing.truncated ? ' (only the first are listed; type the path in the field to reach the others)' : ''}`}</p>
            <ul ref={list} className="chooser-list" aria-label={`Contents of ${listing.folder}`}>
              {listing.entries.map(entry => (
                <li key={entry.path}>
                  {entry.kind === 'folder'
                    ? <button type="button" className="chooser-entry" onClick={() => { void show(entry.path) }}><span aria-hidden="true">📁 </span>{entry.name}{listing.separator}</button>
                    : <><button type="button" className="chooser-entry" onClick={() => { onChoose(entry.path) }}><span aria-hidden="true">📄 </span>{entry.name}</button>{entry.size != null ? <span className="muted"> {formatBytes(entry.size)}</span> : null}</>}
                </li>
              ))}
            </ul>
            {listing.entries.length === 0 ? <p className="empty">This folder is empty.</p> : null}
          </>
          )}
      <div className="button-row">
        <button type="button" className="button primary" disabled={loading || listing == null} onClick={() => { if (listing != null) onChoose(listing.folder) }}>Share this folder</button>
        <button type="button" className="button" onClick={() => { dialog.current?.close() }}>Close</button>
      </div>
    </dialog>
  )
}
