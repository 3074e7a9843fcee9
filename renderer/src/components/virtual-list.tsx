/**
 * A list that stays fast when long: up to `threshold` items render as a
 * plain <ul>; past it only the rows in view (plus a margin) are in the DOM,
 * positioned inside a focusable scroll region, with aria-setsize and
 * aria-posinset so assistive tech still hears "item 412 of 3000".
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, type ReactNode } from 'react'

export interface VirtualListProps<T> {
  readonly items: readonly T[]
  readonly getKey: (item: T) => string
  readonly renderItem: (item: T) => ReactNode
  /** The list's accessible name. */
  readonly label: string
  /** A row's height before it is measured, in px. */
  readonly estimateSize: number
  /** Longest list rendered in full; default 50. */
  readonly threshold?: number
  readonly className?: string
}

export function VirtualList<T> (props: VirtualListProps<T>): React.JSX.Element {
  const { items, getKey, renderItem, label, threshold = 50, className = 'rows' } = props
  if (items.length <= threshold) {
    return (
      <ul className={className} aria-label={label}>
        {items.map(item => <li key={getKey(item)} className="row">{renderItem(item)}</li>)}
      </ul>
    )
  }
  return <Windowed {...props} className={className} />
}

function Windowed<T> ({ items, getKey, renderItem, label, estimateSize, className }: VirtualListProps<T>): React.JSX.Element {
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateSize,
    getItemKey: index => getKey(items[index]),
    overscan: 6
  })
  return (
    <div ref={scroller} className="virtual-scroller" role="region" aria-label={`${label} (scrollable)`} tabIndex={0}>
      <ul className={`${className ?? ''} virtual`} aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map(row => (
          <li
            key={row.key}
            ref={virtualizer.measureElement}
            data-index={row.index}
            className="row"
            aria-setsize={items.length}
            aria-posinset={row.index + 1}
            style={{ transform: `translateY(${row.start}px)` }}
          >
            {renderItem(items[row.index])}
          </li>
        ))}
      </ul>
    </div>
  )
}
