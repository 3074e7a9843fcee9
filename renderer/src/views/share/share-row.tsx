/**
 * One share: what it is (seeding, stale, or missing its files), who can
 * open it, how much it has been served, its link to copy or scan (a private
 * share's with its secret), a new link for a private share, and the way to
 * stop sharing it. Memoised: a row re-renders only when its own ShareView
 * changes.
 */
import { memo, useId, useState } from 'react'
import { compactLink, formatBytes, type ShareView } from '../../../../shared/index.js'
import { ConfirmButton } from '../../components/confirm-button.js'
import { CopyButton } from '../../components/copy-button.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { QrCode } from '../../components/qr-code.js'
import { StateBadge } from '../../components/state-badge.js'
import { useStoreInstance } from '../../store/index.js'

/** What a share whose files are gone says: which file, that it is not served, and what can be done. */
export function missingShareWords (share: ShareView): string {
  const first = share.missingFiles?.[0] ?? share.path
  const what = (share.missingFiles?.length ?? 1) > 1 ? `${first} and other files are no longer there` : `${first} is no longer there`
  return `${what} (deleted or moved), so it is not served or announced. Put it back and sharing goes on by itself, or remove the share.`
}

export const ShareRow = memo(function ShareRow ({ share }: { readonly share: ShareView }): React.JSX.Element {
  const store = useStoreInstance()
  const id = useId()
  const [showQr, setShowQr] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [errorTitle, setErrorTitle] = useState('Could not stop sharing')
  const [stopping, setStopping] = useState(false)
  const [rotating, setRotating] = useState(false)

  const stop = (): void => {
    setStopping(true)
    setError(null)
    setErrorTitle('Could not stop sharing')
    store.api.unshare({ root: share.root })
      .then(() => { store.dispatch({ kind: 'share-removed', root: share.root }) })
      .catch((err: Error) => { setError(err.message); setStopping(false) })
  }

  const rotate = (): void => {
    setRotating(true)
    setError(null)
    setErrorTitle('Could not make a new link')
    store.api.rotateLink({ root: share.root })
      .then(view => { store.dispatch({ kind: 'share', share: view }) })
      .catch((err: Error) => { setError(err.message) })
      .finally(() => { setRotating(false) })
  }

  return (
    <article className="item" aria-labelledby={`${id}-name`}>
      <div className="item-head">
        <h3 id={`${id}-name`} className="item-name">{share.name}</h3>
        {share.state === 'stale'
          ? <StateBadge tone="warn" symbol="⚠" label="Stale" />
          : share.state === 'missing'
            ? <StateBadge tone="warn" symbol="⚠" label="Missing" />
            : <StateBadge tone="ok" symbol="●" label="Seeding" />}
        {share.private
          ? <StateBadge tone="info" symbol="🔒" label="Private" />
          : <StateBadge tone="info" symbol="◎" label="Public" />}
      </div>
      <p className="hint">
        {share.private
          ? 'Only people with this whole link can find and fetch it. Anyone you give it to can pass it on; a new link shuts out the old one.'
          : 'Anyone who learns its root can find and fetch it.'}
      </p>
      {share.state === 'stale' ? <p className="warn-text">{share.staleReason ?? 'A file changed on disk; its changed parts are no longer served.'}</p> : null}
      {share.state === 'missing' ? <p className="warn-text">{missingShareWords(share)}</p> : null}
      <dl className="facts">
        <div><dt>Size</dt><dd>{formatBytes(share.size)}</dd></div>
        <div><dt>Chunks</dt><dd>{share.chunkCount}</dd></div>
        <div><dt>Files</dt><dd>{share.fileCount}</dd></div>
        <div><dt>Peers served</dt><dd>{share.peersServed}</dd></div>
        <div><dt>Uploaded</dt><dd>{formatBytes(share.bytesServed)}</dd></div>
      </dl>
      <p className="path"><span className="muted">From </span><code>{share.path}</code></p>
      <div className="link-line">
        <label htmlFor={`${id}-link`}>Link</label>
        <input id={`${id}-link`} className="grow mono" type="text" readOnly value={share.link} aria-describedby={`${id}-name`} onFocus={e => { e.currentTarget.select() }} />
        <CopyButton text={share.link} describedBy={`${id}-name`} />
        <button type="button" className="button small" aria-expanded={showQr} aria-controls={`${id}-qr`} aria-describedby={`${id}-name`} onClick={() => { setShowQr(v => !v) }}>
          QR code
        </button>
        {share.private
          ? <ConfirmButton
              label="Rotate link"
              question="Make a new link? The current one stops working for everyone who has it (those who already downloaded keep their copy)."
              confirmLabel="Yes, make a new link"
              keepLabel="Keep this link"
              disabled={rotating}
              describedBy={`${id}-name`}
              onConfirm={rotate}
            />
          : null}
        <button type="button" className="button small danger" disabled={stopping} aria-describedby={`${id}-name`} onClick={stop}>{share.state === 'missing' ? 'Remove' : 'Stop sharing'}</button>
      </div>
      <div id={`${id}-qr`} hidden={!showQr}>
        {showQr ? <ShortLink link={share.link} name={share.name} /> : null}
      </div>
      <ErrorAlert title={errorTitle} message={error} />
    </article>
  )
})

/**
 * The QR code holds the link's short form (the root, the sharer's best
 * address and a private share's secret), which scans easily; the name and size arrive with the file list
 * when the link is looked up. The short link is shown too, to copy or check.
 */
function ShortLink ({ link, name }: { readonly link: string, readonly name: string }): React.JSX.Element {
  const id = useId()
  const short = compactLink(link)
  return (
    <div className="qr-block">
      <QrCode text={short} alt={`QR code of the link to ${name}`} />
      <div className="link-line">
        <label htmlFor={`${id}-short`}>Link in the QR code</label>
        <input id={`${id}-short`} className="grow mono" type="text" readOnly value={short} aria-describedby={`${id}-hint`} onFocus={e => { e.currentTarget.select() }} />
      </div>
      <p className="hint" id={`${id}-hint`}>The short form of the link: the share's root, one address of this node and, for a private share, its secret. It finds the same share.</p>
    </div>
  )
}
