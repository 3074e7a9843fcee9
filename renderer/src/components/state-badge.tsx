/**
 * A state shown as a word and a symbol, never by colour alone; the colour
 * only repeats what the text says.
 */
export type BadgeTone = 'info' | 'active' | 'ok' | 'warn' | 'error'

export interface StateBadgeProps {
  readonly label: string
  readonly tone: BadgeTone
  /** A symbol before the label, hidden from screen readers. */
  readonly symbol?: string
}

export function StateBadge ({ label, tone, symbol }: StateBadgeProps): React.JSX.Element {
  return (
    <span className={`badge badge-${tone}`}>
      {symbol != null ? <span aria-hidden="true">{symbol} </span> : null}
      {label}
    </span>
  )
}
