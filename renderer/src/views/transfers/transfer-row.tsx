/**
 * One download: state, progress, speed, ETA, the peers it draws from, how
 * a finished one went, and what can be done with it. Memoised: a row
 * re-renders only when its own TransferView changes, however busy the
 * others are.
 */
import { memo, useId, useState } from 'react'
import { countOf, formatBytes, formatEta, formatRate, pathText, shortPeerId, type TransferPeerView, type TransferView } from '../../../../shared/index.js'
import { ConfirmButton } from '../../components/confirm-button.js'
import { CopyButton } from '../../components/copy-button.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { StateBadge } from '../../components/state-badge.js'
import { useStoreInstance } from '../../store/index.js'
import { DiagnoseButton } from './diagnose.js'
import { actionsFor, finishedFacts, missingWords, percentDone, pickedFiles, transferLook, waitingWords } from './transfer-state.js'

const FOUND_VIA: Record<TransferPeerView['foundVia'], string> = { link: 'the link', connected: 'a connection', dht: 'the DHT' }

export const TransferRow = memo(function TransferRow ({ transfer: t }: { readonly transfer: TransferView }): React.JSX.Element {
  const store = useStoreInstance()
  const inBrowser = store.connection.bridge.desktop == null
  const id = useId()
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [pending, setPending] = useState(false)
  const look = transferLook(t)
  const waiting = waitingWords(t)
  const missing = missingWords(t)
  const actions = actionsFor(t)
  const percent = percentDone(t)
  const finished = finishedFacts(t)
  const live = t.state === 'downloading' || t.state === 'finding-peers' || t.state === 'verifying'

  const act = (run: () => Promise<void>): void => {
    setPending(true)
    setError(null)
    setNote('')
    run().catch((err: Error) => { setError(err.message) }).finally(() => { setPending(false) })
  }
  const pause = (): void => { act(async () => { store.dispatch({ kind: 'transfer', transfer: await store.api.pause({ id: t.id }) }) }) }
  const resume = (): void => { act(async () => { store.dispatch({ kind: 'transfer', transfer: await store.api.resume({ id: t.id }) }) }) }
  const cancel = (): void => {
    act(async () => {
      await store.api.cancel({ id: t.id })
      store.dispatch({ kind: 'transfer-removed', id: t.id })
    })
  }
  const remove = (): void => {
    act(async () => {
      await store.api.forget({ id: t.id })
      store.dispatch({ kind: 'transfer-removed', id: t.id })
    })
  }
  const open = (): void => {
    act(async () => {
      const shown = await store.api.showInFolder({ id: t.id })
      setNote(`Opened the folder of ${shown.path} on the computer PeerShare runs on.`)
    })
  }

  return (
    <article className="item" aria-labelledby={`${id}-name`}>
      <div className="item-head">
        <h3 id={`${id}-name`} className="item-name">{t.name}</h3>
        <StateBadge tone={look.tone} symbol={look.symbol} label={look.label} />
      </div>
      <div
        className={`progress progress-${look.tone}`}
        role="progressbar"
        aria-label={t.name}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%, ${formatBytes(t.bytesDone)} of ${formatBytes(t.size)}, ${look.label}`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <dl className="facts">
        <div><dt>Done</dt><dd>{formatBytes(t.bytesDone)} of {formatBytes(t.size)} ({percent}%)</dd></div>
        {live ? <div><dt>Speed</dt><dd>{formatRate(t.rate)}</dd></div> : null}
        {live ? <div><dt>Time left</dt><dd>{formatEta(t.etaSeconds)}</dd></div> : null}
        {finished != null ? <div><dt>Took</dt><dd>{finished.took}</dd></div> : null}
        {finished != null ? <div><dt>Average speed</dt><dd>{finished.averageRate}</dd></div> : null}
        <div><dt>Chunks</dt><dd>{t.chunksDone} of {t.chunkCount}{t.chunksResumed > 0 ? ` (${t.chunksResumed} resumed)` : ''}</dd></div>
        {t.badChunks > 0 ? <div><dt>Bad chunks</dt><dd>{t.badChunks} re-fetched</dd></div> : null}
        {t.selectedFiles != null ? <div><dt>Files</dt><dd>{pickedFiles(t.selectedFiles.length, t.files.length)}</dd></div> : null}
      </dl>
      {waiting != null ? <p className="warn-text">{waiting}</p> : null}
      {missing != null ? <p className="warn-text">{missing}</p> : null}
      {t.error != null ? <p className={t.state === 'failed' ? 'error-text' : 'warn-text'}><strong>{t.state === 'failed' ? 'Failed: ' : 'Paused: '}</strong>{t.error.message}</p> : null}
      <details className="peers-detail">
        <summary>{countOf(t.peers.length, 'peer')}{t.bannedPeers.length > 0 ? `, ${t.bannedPeers.length} banned` : ''}</summary>
        {t.peers.length === 0
          ? <p className="muted">No peers yet.</p>
          : (
            <ul className="plain">
              {t.peers.map(p => (
                <li key={p.peerId}>
                  <code title={p.peerId}>{shortPeerId(p.peerId)}</code> via {FOUND_VIA[p.foundVia]} · {p.path == null ? 'not connected' : pathText(p.path, p.relay)} · {formatBytes(p.bytesReceived)} · {formatRate(p.rate)}
                  {p.banned ? <> · <strong>banned</strong> ({countOf(p.badChunks, 'bad chunk')})</> : null}
                </li>
              ))}
            </ul>
            )}
      </details>
      {t.state === 'done' && t.path != null
        ? <p className="path"><span className="muted">Saved to </span><code id={`${id}-path`}>{t.path}</code></p>
        : null}
      <div className="button-row">
        {actions.pause ? <button type="button" className="button small" disabled={pending} aria-describedby={`${id}-name`} onClick={pause}>Pause</button> : null}
        {actions.resume ? <button type="button" className="button small primary" disabled={pending} aria-describedby={`${id}-name`} onClick={resume}>Resume</button> : null}
        {actions.cancel
          ? <ConfirmButton
              label="Cancel" question={`Cancel ${t.name}? What was downloaded so far is deleted.`}
              confirmLabel="Yes, cancel the download" keepLabel={live ? 'Keep downloading' : 'Keep it'}
              disabled={pending} describedBy={`${id}-name`} onConfirm={cancel}
            />
          : null}
        {actions.open ? <button type="button" className="button small" disabled={pending} aria-describedby={`${id}-name`} onClick={open}>Open folder</button> : null}
        {actions.open && inBrowser && t.path != null ? <CopyButton text={t.path} label="Copy path" describedBy={`${id}-name`} /> : null}
        {actions.remove ? <button type="button" className="button small" disabled={pending} aria-describedby={`${id}-name`} onClick={remove}>Remove from list</button> : null}
      </div>
      {actions.remove ? <p className="hint">Removing it from the list keeps the files{t.selectedFiles == null ? ', and it stays shared (stop that under Share)' : ''}.</p> : null}
      <p role="status" className="status-line">{note}</p>
      <DiagnoseButton transfer={t} describedBy={`${id}-name`} />
      <ErrorAlert message={error} />
    </article>
  )
})
