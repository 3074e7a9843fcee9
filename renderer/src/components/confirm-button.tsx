/**
 * A button for an action that cannot be undone, which asks first: pressing
 * it shows the question in place, with the safe answer focused, so a stray
 * click (or Enter) loses nothing. Escape, or the safe answer, puts the
 * button back; the other answer acts.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'

export interface ConfirmButtonProps {
  /** The button's label, e.g. "Cancel". */
  readonly label: string
  /** What pressing it would do, asked as a question. */
  readonly question: string
  /** The answer that acts, e.g. "Yes, cancel the download". */
  readonly confirmLabel: string
  /** The answer that keeps things as they are, e.g. "Keep downloading". */
  readonly keepLabel: string
  readonly onConfirm: () => void
  readonly disabled?: boolean
  /** Id of the element naming what the action is about (the row's name). */
  readonly describedBy?: string
}

export function ConfirmButton ({ label, question, confirmLabel, keepLabel, onConfirm, disabled, describedBy }: ConfirmButtonProps): React.JSX.Element {
  const [asking, setAsking] = useState(false)
  const keep = useRef<HTMLButtonElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef(false)
  const questionId = useId()

  useEffect(() => {
    if (asking) keep.current?.focus()
    else if (returnFocus.current) {
      returnFocus.current = false
      button.current?.focus()
    }
  }, [asking])

  const back = (): void => {
    returnFocus.current = true
    setAsking(false)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    back()
  }

  if (!asking) {
    return <button ref={button} type="button" className="button small danger" disabled={disabled} aria-describedby={describedBy} onClick={() => { setAsking(true) }}>{label}</button>
  }
  return (
    <div className="confirm" role="group" aria-labelledby={questionId} onKeyDown={onKeyDown}>
      <span id={questionId} className="confirm-question">{question}</span>
      <button type="button" className="button small danger" disabled={disabled} onClick={() => { setAsking(false); onConfirm() }}>{confirmLabel}</button>
      <button ref={keep} type="button" className="button small" onClick={back}>{keepLabel}</button>
    </div>
  )
}
