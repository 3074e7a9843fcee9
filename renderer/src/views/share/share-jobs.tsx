/**
 * Shares being hashed, each with its progress (files, bytes, speed, time
 * left) and a Cancel button; a job that failed or was cancelled stays with
 * its reason until dismissed. A finished job leaves the list: its share is
 * in "Shared by you".
 */
import { useId, useState } from 'react'
import { formatBytes, formatEta, formatRate, type ShareJobView } from '../../../../shared/index.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { useStore, useStoreInstance } from '../../store/index.js'

export function ShareJobs (): React.JSX.Element | null {
  const jobs = useStore(s => s.shareJobs)
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())
  const shown = jobs.filter(j => j.state === 'hashing' || ((j.state === 'failed' || j.state === 'cancelled') && !dismissed.has(j.id)))
  if (shown.length === 0) return null
  return (
    <section className="card" aria-labelledby="share-jobs-title">
      <h2 id="share-jobs-title">Being shared <span className="muted">({shown.length})</span></h2>
      {shown.map(job => <ShareJobRow key={job.id} job={job} onDismiss={() => { setDismissed(new Set([...dismissed, job.id])) }} />)}
    </section>
  )
}

function ShareJobRow ({ job, onDismiss }: { readonly job: ShareJobView, readonly onDismiss: () => void }): React.JSX.Element {
  const store = useStoreInstance()
  const id = useId()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const percent = job.bytesTotal > 0 ? Math.floor((job.bytesDone / job.bytesTotal) * 100) : (job.filesTotal > 0 ? Math.floor((job.filesDone / job.filesTotal) * 100) : 0)
  const name = job.path.split(/[\\/]/).filter(s => s !== '').at(-1) ?? job.path
  const cancel = (): void => {
    setPending(true)
    setError(null)
    store.api.cancelShareJob({ id: job.id }).then(ended => { store.dispatch({ kind: 'share-job', job: ended }) }, (err: Error) => { setError(err.message) }).finally(() => { setPending(false) })
  }
  return (
    <article className="item" aria-labelledby={`${id}-name`}>
      <div className="item-head">
        <h3 id={`${id}-name`} className="item-name">{name}</h3>
        <span className="muted">{job.state === 'hashing' ? 'hashing' : job.state}</span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={`Hashing ${name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%, ${job.filesDone} of ${job.filesTotal} files, ${formatBytes(job.bytesDone)} of ${formatBytes(job.bytesTotal)}`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <dl className="facts">
        <div><dt>Files</dt><dd>{job.filesDone} of {job.filesTotal}{job.filesReused > 0 ? ` (${job.filesReused} unchanged, not hashed again)` : ''}</dd></div>
        <div><dt>Hashed</dt><dd>{formatBytes(job.bytesDone)} of {formatBytes(job.bytesTotal)} ({percent}%)</dd></div>
        {job.state === 'hashing' ? <div><dt>Speed</dt><dd>{formatRate(job.rate)}</dd></div> : null}
        {job.state === 'hashing' ? <div><dt>Time left</dt><dd>{formatEta(job.etaSeconds)}</dd></div> : null}
      </dl>
      <p className="path"><code>{job.path}</code></p>
      {job.state === 'failed' && job.error != null ? <p className="error-text"><strong>Failed: </strong>{job.error.message}</p> : null}
      {job.state === 'cancelled' ? <p className="muted">Cancelled; nothing of it was kept.</p> : null}
      <div className="button-row">
        {job.state === 'hashing'
          ? <button type="button" className="button small" disabled={pending} aria-describedby={`${id}-name`} onClick={cancel}>Cancel</button>
          : <button type="button" className="button small" aria-describedby={`${id}-name`} onClick={onDismiss}>Dismiss</button>}
      </div>
      <ErrorAlert title="Could not cancel" message={error} />
    </article>
  )
}
