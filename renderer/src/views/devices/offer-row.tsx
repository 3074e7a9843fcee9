/**
 * One offer from another device: who sends what, how big; Accept downloads
 * it (through its private link, into the download folder), Decline drops it
 * and nothing is written.
 */
import { useId, useState } from 'react'
import { formatBytes, type OfferView } from '../../../../shared/index.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { useStoreInstance } from '../../store/index.js'

export function OfferRow ({ offer }: { readonly offer: OfferView }): React.JSX.Element {
  const store = useStoreInstance()
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const answer = (accept: boolean): void => {
    setBusy(true)
    setError(null)
    const done = accept
      ? store.api.acceptOffer({ id: offer.id }).then(transfer => { store.dispatch({ kind: 'transfer', transfer }) })
      : store.api.declineOffer({ id: offer.id }).then(() => {})
    done
      .then(() => { store.dispatch({ kind: 'offer-removed', id: offer.id }) })
      .catch((err: Error) => { setError(err.message); setBusy(false) })
  }

  return (
    <article className="item" aria-labelledby={`${id}-what`}>
      <p id={`${id}-what`}>
        <strong>{offer.fromName}</strong> offers <strong>{offer.name}</strong>
        {' '}({formatBytes(offer.size)}{offer.fileCount > 1 ? `, ${offer.fileCount} files` : ''})
      </p>
      <div className="button-row">
        <button type="button" className="button primary" disabled={busy} aria-describedby={`${id}-what`} onClick={() => { answer(true) }}>Accept</button>
        <button type="button" className="button" disabled={busy} aria-describedby={`${id}-what`} onClick={() => { answer(false) }}>Decline</button>
      </div>
      <ErrorAlert title="Could not answer the offer" message={error} />
    </article>
  )
}
