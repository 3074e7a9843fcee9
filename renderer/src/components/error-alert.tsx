/**
 * An error message in an assertive live region: rendered only while there
 * is an error, so each new message is announced once.
 */
export interface ErrorAlertProps {
  readonly message: string | null | undefined
  /** Optional heading before the message, e.g. "Could not share". */
  readonly title?: string
}

export function ErrorAlert ({ message, title }: ErrorAlertProps): React.JSX.Element | null {
  if (message == null || message === '') return null
  return (
    <div className="alert" role="alert">
      <span className="alert-icon" aria-hidden="true">!</span>
      <span>{title != null ? <strong>{title}: </strong> : null}{message}</span>
    </div>
  )
}
