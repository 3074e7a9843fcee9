/**
 * Adding a share. In the desktop app: native pickers for files and a
 * folder, and a drop zone that takes files dropped on it. In a browser the
 * page cannot learn a dropped file's path, but the node runs on this
 * machine: the path is typed (completed by the node as it is typed, `~`
 * for the home folder) or picked in the node's own file chooser. A new
 * share is private (opened only by its link) unless Public is ticked.
 */
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react'
import type { DesktopBridge } from '../../../../shared/index.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { useStoreInstance } from '../../store/index.js'
import { FileChooser } from './file-chooser.js'
import { PathField } from './path-field.js'

/** Paths of files dropped anywhere on the desktop window (App hands them here); `seq` tells drops apart. */
export interface DropRequest {
  readonly paths: readonly string[]
  readonly seq: number
}

export function ShareAdder ({ dropRequest }: { readonly dropRequest: DropRequest | null }): React.JSX.Element {
  const store = useStoreInstance()
  const desktop = store.connection.bridge.desktop
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [dragging, setDragging] = useState(false)
  const [path, setPath] = useState('')
  const [choosing, setChoosing] = useState(false)
  const [isPublic, setPublic] = useState(false)
  const browseButton = useRef<HTMLButtonElement>(null)
  const pathId = useId()
  const hintId = useId()

  const shareAll = async (paths: readonly string[]): Promise<boolean> => {
    setError(null)
    setNote('')
    for (const path of paths) {
      setBusy(path)
      try {
        // The answer comes once the files are listed; hashing runs on as a job, shown below.
        const job = await store.api.share({ path, public: isPublic })
        store.dispatch({ kind: 'share-job', job })
        setNote(job.state === 'hashing' ? `Hashing ${job.path}: its progress is below.` : '')
      } catch (err) {
        // The engine's message names the path already.
        setError((err as Error).message)
        setBusy(null)
        return false
      }
    }
    setBusy(null)
    return true
  }

  // Files dropped elsewhere on the window are shared too, once each.
  const handledDrop = useRef(0)
  useEffect(() => {
    if (dropRequest == null || dropRequest.seq === handledDrop.current) return
    handledDrop.current = dropRequest.seq
    void shareAll(dropRequest.paths)
  }, [dropRequest])

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault()
    setDragging(false)
    if (desktop == null) {
      setNote('Dropping works in the desktop app. Here, type the file\'s path in "Path to share", or pick it with the Browse button.')
      return
    }
    const paths = [...event.dataTransfer.files].map(file => desktop.pathForFile(file)).filter(p => p !== '')
    if (paths.length > 0) void shareAll(paths)
  }

  return (
    <section className="card" aria-labelledby={`${pathId}-title`}>
      <h2 id={`${pathId}-title`}>Share a file or folder</h2>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={e => { e.preventDefault(); setDragging(true) }}
        onDragLeave={() => { setDragging(false) }}
        onDrop={onDrop}
      >
        {desktop != null
          ? <DesktopPickers desktop={desktop} disabled={busy != null} onPaths={paths => { void shareAll(paths) }} />
          : <p id={hintId}>Type the full path of a file or folder on the computer PeerShare runs on (~ is your home folder; suggestions follow as you type), or pick it with the Browse button. Dropping files works in the desktop app.</p>}
        {desktop == null
          ? (
            <form
              className="inline-form"
              onSubmit={(event: FormEvent) => {
                event.preventDefault()
                const typed = path.trim()
                if (typed === '') {
                  setError('Type the full path of a file or folder, e.g. /home/me/Videos/holiday.mp4 or ~/Videos/holiday.mp4, or pick it with the Browse button.')
                  return
                }
                void shareAll([typed]).then(ok => { if (ok) setPath('') })
              }}
            >
              <label htmlFor={pathId}>Path to share</label>
              <PathField id={pathId} value={path} onChange={setPath} disabled={busy != null} describedBy={hintId} />
              <button ref={browseButton} type="button" className="button" aria-haspopup="dialog" disabled={busy != null} onClick={() => { setChoosing(true) }}>Browse…</button>
              <button type="submit" className="button primary" disabled={busy != null}>Share</button>
            </form>
            )
          : null}
        {choosing
          ? <FileChooser
              start={path}
              onClose={() => { setChoosing(false); browseButton.current?.focus() }}
              onChoose={chosen => { setChoosing(false); setPath(''); browseButton.current?.focus(); void shareAll([chosen]) }}
            />
          : null}
      </div>
      <div className="access-choice">
        <input id={`${pathId}-public`} type="checkbox" checked={isPublic} disabled={busy != null} aria-describedby={`${pathId}-access`} onChange={e => { setPublic(e.target.checked) }} />
        <label htmlFor={`${pathId}-public`}>Public</label>
        <p className="hint" id={`${pathId}-access`}>
          {isPublic
            ? 'Public: announced by its root, so anyone who learns the root can find and fetch it.'
            : 'Private (the default): only people you give its whole link to can find and fetch it; the network never sees what it is.'}
        </p>
      </div>
      <p role="status" className="status-line">{busy != null ? `Listing ${busy}…` : note}</p>
      <ErrorAlert title="Could not share" message={error} />
    </section>
  )
}

function DesktopPickers ({ desktop, disabled, onPaths }: { readonly desktop: DesktopBridge, readonly disabled: boolean, readonly onPaths: (paths: readonly string[]) => void }): React.JSX.Element {
  const pick = (kind: 'files' | 'folder'): void => {
    void desktop.pickPaths(kind).then(paths => { if (paths.length > 0) onPaths(paths) })
  }
  return (
    <>
      <p>Drop files here, or choose what to share.</p>
      <div className="button-row">
        <button type="button" className="button primary" disabled={disabled} onClick={() => { pick('files') }}>Share files…</button>
        <button type="button" className="button" disabled={disabled} onClick={() => { pick('folder') }}>Share a folder…</button>
      </div>
    </>
  )
}
