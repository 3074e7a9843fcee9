/**
 * Starting a download: paste a link (or a bare root), look it up to see
 * the share's files, tick the ones wanted (all by default) and download.
 * A link that cannot be used is explained in an alert, in the engine's own
 * words; so is a share nobody could be found for, which is no fault of the
 * link. The status line follows the download it started, and goes once
 * that is no longer under way.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react'
import { countOf, formatBytes, type ShareInfoView } from '../../../../shared/index.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { VirtualList } from '../../components/virtual-list.js'
import { useStore, useStoreInstance } from '../../store/index.js'
import { pickedFiles, startedLine } from './transfer-state.js'

/** A link handed over from outside (the desktop host); `seq` makes the same link count twice. */
export interface LinkRequest {
  readonly link: string
  readonly seq: number
}

interface Found {
  readonly link: string
  readonly info: ShareInfoView
}

/** Codes of lookup failures that are not the link's fault, with the title each is shown under. */
const NOT_THE_LINK: Readonly<Record<string, string>> = {
  'no-connections': 'Not connected',
  'no-providers': 'Nobody has it now'
}

interface Problem {
  readonly title: string
  readonly message: string
}

/** A failed command's error, under the title that says whose fault it is. */
function problemOf (err: unknown, title = 'Cannot use this link'): Problem {
  const code = (err as { code?: unknown })?.code
  return { title: (typeof code === 'string' ? NOT_THE_LINK[code] : undefined) ?? title, message: (err as Error).message }
}

export function LookupForm ({ linkRequest }: { readonly linkRequest: LinkRequest | null }): React.JSX.Element {
  const store = useStoreInstance()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState<'lookup' | 'download' | null>(null)
  const [error, setError] = useState<Problem | null>(null)
  /** The id of the download this card started last. */
  const [started, setStarted] = useState<string | null>(null)
  const note = startedLine(started, useStore(st => st.transfers), useStore(st => st.link))
  const [found, setFound] = useState<Found | null>(null)
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set())
  const id = useId()

  const lookUp = async (link: string): Promise<void> => {
    setError(null)
    setStarted(null)
    setFound(null)
    if (link.trim() === '') {
      setError(problemOf(new Error('The link is empty: paste a peershare:// link or a root CID.')))
      return
    }
    setBusy('lookup')
    try {
      const info = await store.api.lookup({ link: link.trim() })
      setFound({ link: link.trim(), info })
      setUnticked(new Set())
    } catch (err) {
      setError(problemOf(err))
    } finally {
      setBusy(null)
    }
  }

  useEffect(() => {
    if (linkRequest == null) return
    setText(linkRequest.link)
    void lookUp(linkRequest.link)
    // Only a new request should trigger a lookup.
  }, [linkRequest])

  const download = async (): Promise<void> => {
    if (found == null) return
    const all = found.info.files.map(f => f.path)
    const files = all.filter(p => !unticked.has(p))
    setBusy('download')
    setError(null)
    try {
      const transfer = await store.api.download(files.length === all.length ? { link: found.link } : { link: found.link, files })
      store.dispatch({ kind: 'transfer', transfer })
      setStarted(transfer.id)
      setFound(null)
      setText('')
    } catch (err) {
      setError(problemOf(err, 'Cannot download'))
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Download</h2>
      <form className="inline-form" onSubmit={(e: FormEvent) => { e.preventDefault(); void lookUp(text) }}>
        <label htmlFor={`${id}-link`}>Link or root</label>
        <input
          id={`${id}-link`} className="grow mono" type="text" value={text} autoComplete="off" spellCheck={false}
          placeholder="peershare://bafk…?name=…" onChange={e => { setText(e.target.value) }} disabled={busy != null}
        />
        <button type="submit" className="button" disabled={busy != null}>Look up</button>
      </form>
      <p role="status" className="status-line">{busy === 'lookup' ? 'Looking up: finding peers and fetching the file list…' : busy === 'download' ? 'Starting the download…' : note}</p>
      <ErrorAlert title={error?.title} message={error?.message} />
      {found != null
        ? <FilePicker found={found} unticked={unticked} onUnticked={setUnticked} onDownload={() => { void download() }} busy={busy != null} />
        : null}
    </section>
  )
}

interface FilePickerProps {
  readonly found: Found
  readonly unticked: ReadonlySet<string>
  readonly onUnticked: (next: ReadonlySet<string>) => void
  readonly onDownload: () => void
  readonly busy: boolean
}

function FilePicker ({ found, unticked, onUnticked, onDownload, busy }: FilePickerProps): React.JSX.Element {
  const { info } = found
  const id = useId()
  const picked = info.files.length - unticked.size
  const pickedBytes = useMemo(() => info.files.reduce((n, f) => unticked.has(f.path) ? n : n + f.size, 0), [info, unticked])
  const toggle = (path: string): void => {
    const next = new Set(unticked)
    if (next.has(path)) next.delete(path)
    else next.add(path)
    onUnticked(next)
  }
  return (
    <div className="found">
      <h3>{info.name}</h3>
      <p className="muted">{formatBytes(info.size)} in {countOf(info.files.length, 'file')} · {info.providers} {info.providers === 1 ? 'peer has' : 'peers have'} it</p>
      <fieldset>
        <legend>Files to download</legend>
        <label className="check">
          <input
            type="checkbox" checked={unticked.size === 0}
            ref={el => { if (el != null) el.indeterminate = unticked.size > 0 && picked > 0 }}
            onChange={() => { onUnticked(unticked.size === 0 ? new Set(info.files.map(f => f.path)) : new Set()) }}
          />
          All files
        </label>
        <VirtualList
          items={info.files} getKey={f => f.path} label="Files" estimateSize={32} threshold={200} className="file-list"
          renderItem={file => (
            <label className="check">
              <input type="checkbox" checked={!unticked.has(file.path)} onChange={() => { toggle(file.path) }} />
              <span className="mono">{file.path}</span> <span className="muted">{formatBytes(file.size)}</span>
            </label>
          )}
        />
      </fieldset>
      <div className="button-row">
        <button type="button" className="button primary" disabled={busy || picked === 0} onClick={onDownload} aria-describedby={`${id}-sum`}>Download</button>
        <span id={`${id}-sum`} className="muted">{picked === 0 ? 'Tick at least one file.' : `${pickedFiles(picked, info.files.length)}, ${formatBytes(pickedBytes)}`}</span>
      </div>
    </div>
  )
}
