/**
 * The lab's ground truth of the DHT: for a key (a root or a PeerId) the true
 * closest instances, from every instance's identity and routing table, and
 * a lookup run on one instance scored against them ("found 4 of the 5
 * closest").
 */
import { useId, useState } from 'react'
import { LOOKUP_OPS, shortPeerId, type LookupOp } from '../../../shared/index.js'
import type { LabTruthView } from '../../../shared/lab.js'
import { ErrorAlert } from '../components/error-alert.js'
import { useLabStoreInstance } from './lab-store.js'

export function GroundTruthPanel ({ nodes }: { readonly nodes: readonly string[] }): React.JSX.Element {
  const store = useLabStoreInstance()
  const id = useId()
  const [key, setKey] = useState('')
  const [node, setNode] = useState(nodes[nodes.length - 1] ?? '')
  const [op, setOp] = useState<LookupOp>('closest')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [truth, setTruth] = useState<LabTruthView | null>(null)
  const score = (evt: React.FormEvent): void => {
    evt.preventDefault()
    setBusy(true)
    setError(null)
    store.api('truth', { key: key.trim(), node, op })
      .then(setTruth, (err: Error) => { setError(err.message) })
      .finally(() => { setBusy(false) })
  }
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>DHT ground truth</h2>
      <p className="hint">The lab knows every instance, so it knows the true closest ones to any key; a lookup on one instance is scored against them.</p>
      <form className="inline-form" onSubmit={score}>
        <label htmlFor={`${id}-key`}>Key (root or PeerId)</label>
        <input id={`${id}-key`} type="text" className="grow mono" value={key} onChange={e => { setKey(e.target.value) }} required spellCheck={false} autoComplete="off" />
        <label htmlFor={`${id}-node`}>Asked from</label>
        <select id={`${id}-node`} value={node} onChange={e => { setNode(e.target.value) }}>{nodes.map(n => <option key={n} value={n}>{n}</option>)}</select>
        <label htmlFor={`${id}-op`}>Lookup</label>
        <select id={`${id}-op`} value={op} onChange={e => { setOp(e.target.value as LookupOp) }}>{LOOKUP_OPS.map(o => <option key={o} value={o}>{o}</option>)}</select>
        <button type="submit" className="button primary" disabled={busy}>{busy ? 'Looking up…' : 'Score a lookup'}</button>
      </form>
      <ErrorAlert message={error} title="Ground truth" />
      {truth == null
        ? null
        : (
          <>
            <p role="status"><strong>{truth.node} {truth.score?.text ?? ''}</strong>{truth.trace != null ? ` (${truth.trace.summary.requests} requests, ${truth.trace.summary.hops} hops, ${(truth.trace.endedAt ?? truth.trace.startedAt) - truth.trace.startedAt} ms)` : ''}</p>
            <table className="table" aria-label={`The ${truth.closest.length} closest instances to the key`}>
              <thead><tr><th scope="col">Instance</th><th scope="col">Peer</th><th scope="col" className="num">Shared bits</th><th scope="col" className="num">In tables</th><th scope="col">In {truth.node}'s table</th><th scope="col">Reached</th></tr></thead>
              <tbody>
                {truth.closest.map(c => (
                  <tr key={c.peerId}>
                    <th scope="row">{c.name}</th>
                    <td className="mono" title={c.peerId}>{shortPeerId(c.peerId)}</td>
                    <td className="num">{c.cpl}</td>
                    <td className="num">{c.inTables}</td>
                    <td>{c.inAskerTable == null ? '–' : c.inAskerTable ? 'yes' : 'no'}</td>
                    <td>{c.found == null ? '–' : c.found ? '✓ yes' : '✗ no'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
          )}
    </section>
  )
}
