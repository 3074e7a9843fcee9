/**
 * The keyspace around a chosen key (a root or a PeerId; this node by
 * default): this node, its routing-table peers and the keys it announces or
 * holds records for, placed by the log2 of their XOR distance from the key
 * (the key at the left edge), one lane per kind; the k closest peers this
 * node knows are drawn filled. A table lists the same points.
 */
import { useId, useState } from 'react'
import { shortPeerId, type KeyspacePointView, type KeyspaceView } from '../../../../../shared/index.js'
import { ErrorAlert } from '../../../components/error-alert.js'
import { useStoreInstance } from '../../../store/index.js'
import { usePolled } from './use-polled.js'

const LANES: ReadonlyArray<{ readonly kind: KeyspacePointView['kind'], readonly label: string }> = [
  { kind: 'self', label: 'This node' },
  { kind: 'peer', label: 'Routing table' },
  { kind: 'announced', label: 'Announced keys' },
  { kind: 'record', label: 'Records held' }
]
const WIDTH = 800
const LEFT = 130
const LANE = 34

export function KeyspacePanel (): React.JSX.Element {
  const store = useStoreInstance()
  const id = useId()
  const [draft, setDraft] = useState('')
  const [key, setKey] = useState('')
  const space = usePolled(async () => await store.api.keyspace(key === '' ? {} : { key }), 10_000, key)
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Keyspace</h2>
      <form className="inline-form" onSubmit={e => { e.preventDefault(); setKey(draft.trim()) }}>
        <label htmlFor={`${id}-key`}>Key (root or PeerId; empty for this node)</label>
        <input id={`${id}-key`} type="text" className="grow mono" value={draft} onChange={e => { setDraft(e.target.value) }} spellCheck={false} autoComplete="off" />
        <button type="submit" className="button">Show</button>
      </form>
      <ErrorAlert message={space.error} title="Could not lay out the keyspace" />
      {space.data == null ? <p className="empty">Loading…</p> : <KeyspacePlot space={space.data} />}
    </section>
  )
}

function KeyspacePlot ({ space }: { readonly space: KeyspaceView }): React.JSX.Element {
  const points = space.points.filter(p => p.log2Distance >= 0)
  const near = Math.floor(Math.min(256, ...points.map(p => p.log2Distance)))
  const x = (d: number): number => d < 0 ? LEFT : LEFT + 10 + (d - near) / Math.max(1, 256 - near) * (WIDTH - LEFT - 20)
  const closest = space.points.filter(p => p.closest).length
  const summary = `${space.points.length} points around ${space.keyKind === 'root' ? 'root' : 'peer'} ${space.key}; the ${closest} closest peers this node knows are filled.`
  const height = LANES.length * LANE + 30
  return (
    <figure className="chart-figure">
      <svg className="keyspace" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={summary}>
        {LANES.map((lane, i) => (
          <g key={lane.kind}>
            <text x={4} y={i * LANE + 22} className="keyspace-label">{lane.label}</text>
            <line x1={LEFT} x2={WIDTH - 6} y1={i * LANE + 18} y2={i * LANE + 18} className="keyspace-lane" />
          </g>
        ))}
        <line x1={LEFT} x2={LEFT} y1={4} y2={height - 26} className="keyspace-key" />
        {space.points.map(p => {
          const lane = LANES.findIndex(l => l.kind === p.kind)
          return (
            <circle key={`${p.kind}/${p.id}`} cx={x(p.log2Distance)} cy={lane * LANE + 18} r={p.closest ? 6 : 4} className={p.closest ? 'keyspace-point closest' : 'keyspace-point'}>
              <title>{`${p.name ?? p.id}: ${p.cpl} shared bits, log2 distance ${p.log2Distance < 0 ? '(the key)' : p.log2Distance.toFixed(2)}`}</title>
            </circle>
          )
        })}
        <text x={LEFT} y={height - 8} className="keyspace-label">key</text>
        <text x={WIDTH - 6} y={height - 8} className="keyspace-label" textAnchor="end">farther: log2 distance {near}–256</text>
      </svg>
      <figcaption>{summary}</figcaption>
      <details>
        <summary>Points as a table</summary>
        <div className="table-wrap">
          <table className="table stack-table" role="table" aria-label="Keyspace points, closest first">
            <thead><tr><th scope="col">What</th><th scope="col">Id</th><th scope="col" className="num">Shared bits</th><th scope="col" className="num">log2 distance</th><th scope="col">Among the k closest</th></tr></thead>
            <tbody>
              {space.points.map(p => (
                <tr key={`${p.kind}/${p.id}`}>
                  <td data-label="What">{LANES.find(l => l.kind === p.kind)?.label}</td>
                  <th scope="row" className="mono" title={p.id}>{p.name ?? (p.kind === 'self' || p.kind === 'peer' ? shortPeerId(p.id) : `${p.id.slice(0, 10)}…`)}</th>
                  <td className="num" data-label="Shared bits">{p.cpl}</td>
                  <td className="num" data-label="log2 distance">{p.log2Distance < 0 ? 'the key' : p.log2Distance.toFixed(2)}</td>
                  <td data-label="Among the k closest">{p.closest ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
}
