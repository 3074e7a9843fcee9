/**
 * "Path to share" with completion from the node: a WAI-ARIA combobox whose
 * suggestions are the names in the folder being typed, as the node (on this
 * same machine) lists them. Arrow keys move through the suggestions, Enter
 * takes one (a folder carries on into its contents), Escape closes them;
 * without a chosen suggestion, Enter submits the form as typed.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import type { FolderEntryView, FolderListingView } from '../../../../shared/index.js'
import { formatBytes } from '../../../../shared/index.js'
import { useStoreInstance } from '../../store/index.js'
import { completable, completionOf, suggestionsFor } from './path-completion.js'

export interface PathFieldProps {
  readonly id: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly disabled: boolean
  /** Id of the hint that describes the field. */
  readonly describedBy: string
}

/** How long typing pauses before the node is asked, ms. */
const ASK_AFTER_MS = 150

export function PathField ({ id, value, onChange, disabled, describedBy }: PathFieldProps): React.JSX.Element {
  const store = useStoreInstance()
  const listId = useId()
  const [listing, setListing] = useState<FolderListingView | null>(null)
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const asked = useRef(0)

  useEffect(() => {
    if (!completable(value)) {
      setListing(null)
      return
    }
    const seq = ++asked.current
    const timer = setTimeout(() => {
      store.api.browse({ path: value })
        .then(next => { if (seq === asked.current) { setListing(next); setActive(-1) } })
        .catch(() => { if (seq === asked.current) setListing(null) })
    }, ASK_AFTER_MS)
    return () => { clearTimeout(timer) }
  }, [value, store])

  const suggestions = listing == null ? [] : suggestionsFor(listing, value)
  const shown = open && suggestions.length > 0
  const optionId = (i: number): string => `${listId}-${i}`

  const take = (entry: FolderEntryView): void => {
    onChange(completionOf(entry, listing?.separator ?? '/'))
    setActive(-1)
    setOpen(entry.kind === 'folder')
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    switch (event.key) {
      case 'ArrowDown':
        if (suggestions.length === 0) return
        setOpen(true)
        setActive(i => (i + 1) % suggestions.length)
        break
      case 'ArrowUp':
        if (suggestions.length === 0) return
        setOpen(true)
        setActive(i => (i <= 0 ? suggestions.length : i) - 1)
        break
      case 'Enter':
        if (!shown || active < 0) return
        take(suggestions[active])
        break
      case 'Escape':
        if (!shown) return
        setOpen(false)
        setActive(-1)
        break
      default:
        return
    }
    event.preventDefault()
  }

  return (
    <div className="combo grow">
      <input
        id={id} name="path" type="text" className="mono" role="combobox"
        aria-autocomplete="list" aria-expanded={shown} aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        aria-describedby={describedBy}
        placeholder="/home/me/Videos/holiday.mp4 or ~/Videos/holiday.mp4" autoComplete="off" spellCheck={false} disabled={disabled}
        value={value}
        onChange={e => { onChange(e.target.value); setOpen(true) }}
        onKeyDown={onKeyDown}
        onBlur={() => { setOpen(false) }}
      />
      <ul id={listId} role="listbox" aria-label="Suggested paths" className="combo-list" hidden={!shown}>
        {suggestions.map((entry, i) => (
          <li
            key={entry.path} id={optionId(i)} role="option" aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            // Taking a suggestion with the mouse must not blur the field first.
            onMouseDown={e => { e.preventDefault(); take(entry) }}
          >
            <span className="mono">{entry.name}{entry.kind === 'folder' ? listing?.separator : ''}</span>
            {entry.size != null ? <span className="muted"> {formatBytes(entry.size)}</span> : null}
          </li>
        ))}
      </ul>
      <span className="offscreen" role="status">{shown ? `${suggestions.length} suggestions; arrow keys to choose.` : ''}</span>
    </div>
  )
}
