/**
 * The provider records this node holds: whose, for which share (by name
 * where this node knows it), when each arrived and when it lapses unless
 * announced again; this node's own records are marked.
 */
import { shortPeerId } from '../../../../../shared/index.js'
import { ErrorAlert } from '../../../components/error-alert.js'
import { useStoreInstance } from '../../../store/index.js'
import { inTime, usePolled } from './use-polled.js'

const POLL_MS = 5000

export function RecordsPanel (): React.JSX.Element {
  const store = useStoreInstance()
  const records = usePolled(async () => await store.api.providerRecords({}), POLL_MS)
  const list = records.data ?? []
  return (
    <section className="card" aria-labelledby="records-detail-title">
      <h2 id="records-detail-title">Provider records and their expiry <span className="muted">({list.length})</span></h2>
      <ErrorAlert message={records.error} title="Could not read the provider records" />
      {list.length === 0
        ? <p className="empty">{records.data == null ? 'Loading…' : 'No provider records held.'}</p>
        : (
          <div className="table-wrap">
            <table className="table stack-table" role="table" aria-label="Provider records with expiry">
              <thead><tr><th scope="col">Share</th><th scope="col">Provider</th><th scope="col">Received</th><th scope="col">Expires</th></tr></thead>
              <tbody>
                {list.slice(0, 200).map(r => (
                  <tr key={`${r.root}/${r.provider}`}>
                    <th scope="row" title={r.root}>{r.name ?? <span className="mono">{r.root.slice(0, 10)}…{r.root.slice(-6)}</span>}</th>
                    <td data-label="Provider"><span className="mono" title={r.provider}>{shortPeerId(r.provider)}</span>{r.self ? <strong> (this node)</strong> : null}</td>
                    <td data-label="Received">{r.receivedAt == null ? '–' : new Date(r.receivedAt).toLocaleString()}</td>
                    <td data-label="Expires" title={r.expiresAt == null ? undefined : new Date(r.expiresAt).toLocaleString()}>{inTime(r.expiresAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          )}
    </section>
  )
}
