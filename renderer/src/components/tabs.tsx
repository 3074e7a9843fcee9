/**
 * Tabs as the WAI-ARIA pattern has them: a tablist of buttons with a roving
 * tabindex (arrow keys, Home and End move and activate), each tab
 * controlling one tabpanel. Only the selected panel renders its content, so
 * hidden views cost nothing (and their charts do not animate unseen).
 */
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react'

export interface TabSpec<K extends string> {
  readonly key: K
  readonly label: string
  /** A short count shown after the label, e.g. "3" (not part of the tab's accessible name). */
  readonly badge?: string
  readonly render: () => ReactNode
}

export interface TabsProps<K extends string> {
  readonly tabs: readonly TabSpec<K>[]
  readonly selected: K
  readonly onSelect: (key: K) => void
  /** The tablist's accessible name. */
  readonly label: string
}

export function Tabs<K extends string> ({ tabs, selected, onSelect, label }: TabsProps<K>): React.JSX.Element {
  const base = useId()
  const refs = useRef(new Map<K, HTMLButtonElement>())
  const tabId = (key: K): string => `${base}-tab-${key}`
  const panelId = (key: K): string => `${base}-panel-${key}`

  const move = (to: number): void => {
    const next = tabs[(to + tabs.length) % tabs.length]
    onSelect(next.key)
    refs.current.get(next.key)?.focus()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = tabs.findIndex(t => t.key === selected)
    switch (event.key) {
      case 'ArrowRight': move(index + 1); break
      case 'ArrowLeft': move(index - 1); break
      case 'Home': move(0); break
      case 'End': move(tabs.length - 1); break
      default: return
    }
    event.preventDefault()
  }

  return (
    <>
      <div role="tablist" aria-label={label} className="tablist" onKeyDown={onKeyDown}>
        {tabs.map(tab => {
          const isSelected = tab.key === selected
          return (
            <button
              key={tab.key}
              ref={el => { if (el != null) refs.current.set(tab.key, el); else refs.current.delete(tab.key) }}
              type="button"
              role="tab"
              id={tabId(tab.key)}
              aria-selected={isSelected}
              aria-controls={panelId(tab.key)}
              tabIndex={isSelected ? 0 : -1}
              className="tab"
              onClick={() => { onSelect(tab.key) }}
            >
              {tab.label}
              {/* The count is decoration: tab names stay exactly their label for assistive tech and tests. */}
              {tab.badge != null ? <span className="tab-badge" aria-hidden="true">{tab.badge}</span> : null}
            </button>
          )
        })}
      </div>
      {tabs.map(tab => (
        <div
          key={tab.key}
          role="tabpanel"
          id={panelId(tab.key)}
          aria-labelledby={tabId(tab.key)}
          hidden={tab.key !== selected}
          tabIndex={0}
          className="tabpanel"
        >
          {tab.key === selected ? tab.render() : null}
        </div>
      ))}
    </>
  )
}
