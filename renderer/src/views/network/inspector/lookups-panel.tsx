/**
 * Lookups: run a trace of a root or a PeerId (find providers, closest
 * peers, announce), list every lookup the engine made lately (a download's
 * discovery, announcements, diagnoses), show one as a waterfall, and
 * export them all as JSON.
 */
import { useId, useState } from 'react'
import { LOOKUP_OPS, type LookupOp, type LookupTraceExport } from '../../../../../shared/index.js'
import { ErrorAlert } from '../../../components/error-alert.js'
import { useStoreInstance } from '../../../store/index.js'
import { LookupWaterfall, lookupName } from './lookup-waterfall.js'
import { usePolled } from './use-polled.js'

const POLL_MS = 5000
const OP_LABEL: Record<LookupOp, string> = { 'find-providers': 'Find providers', closest: 'Closest peers', provide: 'Announce (provide)' }

export function LookupsPanel (): React.JSX.Element {
  const store = useStoreInstance()
  const id = useId()
  const log = usePolled(async () => await store.api.dhtLookups({}), POLL_MS)
  const [target, setTarget] = useState('')
  const [op, setOp] = useState<LookupOp | 'auto'>('auto')
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const traces = [...(log.data?.traces ?? [])].reverse()
  const shown = traces.find(t => t.id === selected) ?? null

  const trace = (evt: React.FormEvent): void => {
    evt.preventDefault()
    setRunning(true)
    setError(null)
    store.api.dhtTrace({ target: target.trim(), ...(op === 'auto' ? {} : { op }) })
      .then(t => {
        setSelected(t.id)
        log.reload()
      }, (err: Error) => { setError(err.message) })
      .finally(() => { setRunning(false) })
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Lookups</h2>
      <form className="inline-form" onSubmit={trace}>
        <label htmlFor={`${id}-target`}>Root or PeerId</label>
        <input id={`${id}-target`} type="text" className="grow mono" value={target} onChange={e => { setTarget(e.target.value) }} required spellCheck={false} autoComplete="off" />
        <label htmlFor={`${id}-op`}>Lookup</label>
        <select id={`${id}-op`} value={op} onChange={e => { setOp(e.target.value as LookupOp | 'auto') }}>
          <option value="auto">Find providers (root) or closest peers (PeerId)</option>
          {LOOKUP_OPS.map(o => <option key={o} value={o}>{OP_LABEL[o]}</option>)}
        </select>
        <button type="submit" className="button primary" disabled={running}>{running ? 'Tracing…' : 'Trace'}</button>
      </form>
      <ErrorAlert message={error ?? log.error} title="Lookup" />
      <div className="button-row">
        <button type="button" className="button small" disabled={log.data == null || traces.length === 0} onClick={() => { if (log.data != null) exportJson(log.data) }}>Export lookups as JSON</button>
      </div>
      {traces.length === 0
        ? <p className="empty">{log.data == null ? 'Loading…' : 'No lookups yet: trace one, or start a download.'}</p>
        : (
          <div className="table-wrap lookup-list">
            <table className="table stack-table" role="table" aria-label="Recent lookups">
              <thead><tr><th scope="col">Started</th><th scope="col">Lookup</th><th scope="col">Why</th><th scope="col" className="num">Time</th><th scope="col" className="num">Requests</th><th scope="col" className="num">Hops</th><th scope="col">Found</th><th scope="col"><span className="offscreen">Show</span></th></tr></thead>
              <tbody>
                {traces.slice(0, 50).map(t => (
                  <tr key={t.id} aria-current={t.id === selected ? 'true' : undefined}>
                    <td data-label="Started">{new Date(t.startedAt).toLocaleTimeString()}</td>
                    <th scope="row">{lookupName(t)}</th>
                    <td data-label="Why">{t.cause}</td>
                    <td className="num" data-label="Time">{t.endedAt == null ? 'running' : `${t.endedAt - t.startedAt} ms`}</td>
                    <td className="num" data-label="Requests">{t.summary.requests}</td>
                    <td className="num" data-label="Hops">{t.summary.hops}</td>
                    <td data-label="Found">{t.op === 'find-providers' ? `${t.summary.providers.length} ${t.summary.providers.length === 1 ? 'provider' : 'providers'}` : t.op === 'provide' ? `stored on ${t.summary.stored.length}` : `${t.summary.closest.length} closest`}</td>
                    <td><button type="button" className="button small" aria-label={`Show ${lookupName(t)} at ${new Date(t.startedAt).toLocaleTimeString()}`} onClick={() => { setSelected(t.id) }}>Show</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          )}
      {shown != null ? <LookupWaterfall trace={shown} /> : null}
    </section>
  )
}

/** Saves the lookups as a JSON file (the format of docs/lookup-trace.schema.json). */
function exportJson (data: LookupTraceExport): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = `peershare-lookups-${new Date(data.exportedAt).toISOString().replace(/[:.]/g, '-')}.json`
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => { URL.revokeObjectURL(url) }, 10_000)
}
