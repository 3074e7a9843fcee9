/**
 * One log for the whole lab: every instance's output and the lab's own
 * actions, newest last, filterable by node. It keeps its scroll at the end
 * while the reader is there.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { useLab } from './lab-store.js'

/** Lines shown at once. */
const SHOWN = 400

export function MergedLog ({ nodes }: { readonly nodes: readonly string[] }): React.JSX.Element {
  const log = useLab(s => s.log)
  const [node, setNode] = useState('')
  const box = useRef<HTMLDivElement>(null)
  const lines = useMemo(() => (node === '' ? log : log.filter(l => node === 'lab' ? l.stream === 'lab' : l.node === node)).slice(-SHOWN), [log, node])

  useEffect(() => {
    const el = box.current
    if (el != null && el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight
  }, [lines])

  return (
    <section className="card" aria-labelledby="log-title">
      <div className="inline-form">
        <h2 id="log-title">Merged log</h2>
        <label htmlFor="log-node">Show</label>
        <select id="log-node" value={node} onChange={e => { setNode(e.target.value) }}>
          <option value="">All nodes and the lab</option>
          <option value="lab">The lab's actions</option>
          {nodes.map(n => <option key={n} value={n}>{n}</option>)}
        </select>
      </div>
      <div ref={box} className="log-box" role="log" aria-live="off" aria-label="Merged log lines" tabIndex={0}>
        {lines.length === 0
          ? <p className="empty">Nothing logged yet.</p>
          : (
            <ol className="log-lines">
              {lines.map(l => (
                <li key={l.seq} className={`log-line log-${l.stream}`}>
                  <span className="log-time">{new Date(l.at).toLocaleTimeString()}</span>{' '}
                  <span className="log-node">{l.node}</span>{' '}
                  <span className="log-text">{l.text}</span>
                </li>
              ))}
            </ol>)}
      </div>
    </section>
  )
}
