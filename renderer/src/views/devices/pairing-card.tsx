/**
 * Pairing: show a code (and a pairing link carrying it) for another device
 * to type or paste, or paste the pairing link another device shows. A code
 * works once, for a few minutes.
 */
import { useId, useState, type FormEvent } from 'react'
import type { PairingInvitationView } from '../../../../shared/index.js'
import { CopyButton } from '../../components/copy-button.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { useStoreInstance } from '../../store/index.js'

export function PairingCard (): React.JSX.Element {
  const store = useStoreInstance()
  const id = useId()
  const [invitation, setInvitation] = useState<PairingInvitationView | null>(null)
  const [link, setLink] = useState('')
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)

  const show = (): void => {
    setError(null)
    store.api.startPairing({}).then(setInvitation, (err: Error) => { setError(err.message) })
  }

  const pair = (event: FormEvent): void => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    setNote('')
    store.api.pair({ code: link })
      .then(device => { setLink(''); setNote(`Paired with ${device.name}.`) })
      .catch((err: Error) => { setError(err.message) })
      .finally(() => { setBusy(false) })
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Pair a device</h2>
      <p className="hint">Paired devices stay listed wherever they are, and may send you files. Pair only with your own devices and people you trust.</p>
      <div className="button-row">
        <button type="button" className="button" onClick={show}>Show a pairing code</button>
      </div>
      {invitation != null
        ? (
          <div className="pairing-code">
            <p>On the other device, find this one in Devices and type <strong className="mono" aria-label={`code ${invitation.code.split('').join(' ')}`}>{invitation.code}</strong>, or paste this link there:</p>
            <div className="link-line">
              <label htmlFor={`${id}-invite`}>Pairing link</label>
              <input id={`${id}-invite`} className="grow mono" type="text" readOnly value={invitation.link} onFocus={e => { e.currentTarget.select() }} />
              <CopyButton text={invitation.link} describedBy={`${id}-title`} />
            </div>
            <p className="hint">Works once, until {new Date(invitation.expiresAt).toLocaleTimeString()}.</p>
          </div>
          )
        : null}
      <form className="inline-form" onSubmit={pair}>
        <label htmlFor={`${id}-link`}>Pairing link from another device</label>
        <input id={`${id}-link`} className="grow mono" type="text" value={link} disabled={busy} spellCheck={false} onChange={e => { setLink(e.target.value) }} />
        <button type="submit" className="button" disabled={busy || link.trim() === ''}>Pair</button>
      </form>
      <p role="status" className="status-line">{busy ? 'Pairing…' : note}</p>
      <ErrorAlert title="Could not pair" message={error} />
    </section>
  )
}
