/**
 * The live routing table: each k-bucket of the trie with the bits its peers
 * share with this node and how full it is, each peer with when it was last
 * heard from, whether it is connected, its round trip, path and agent; and
 * the additions and evictions of the last minutes as a bar chart (with a
 * table of the same numbers).
 */
import { useContext, useMemo } from 'react'
import { Bar } from 'react-chartjs-2'
import { shortPeerId, type RoutingBucketView, type RoutingTableView } from '../../../../../shared/index.js'
import { ErrorAlert } from '../../../components/error-alert.js'
import { ThemeContext } from '../../../components/theme.js'
import { useStoreInstance } from '../../../store/index.js'
import { chartPalette } from '../chart-setup.js'
import { ago, usePolled } from './use-polled.js'

/** How often the table is read again while shown, ms. */
const POLL_MS = 3000

export function RoutingTablePanel (): React.JSX.Element {
  const store = useStoreInstance()
  const table = usePolled(async () => await store.api.routingTable({}), POLL_MS)
  const t = table.data
  return (
    <section className="card" aria-labelledby="routing-title">
      <h2 id="routing-title">Routing table, peer by peer</h2>
      <ErrorAlert message={table.error} title="Could not read the routing table" />
      {t == null
        ? <p className="empty">Loading…</p>
        : (
          <>
            <p>
              {t.size} {t.size === 1 ? 'peer' : 'peers'} in {t.buckets.length} {t.buckets.length === 1 ? 'bucket' : 'buckets'} of up to k = {t.k}.
              {' '}<span className="muted">A peer's shared bits are how many leading bits of its KAD-ID match this node's: the more, the closer.</span>
            </p>
            {t.buckets.length === 0 ? <p className="empty">The routing table is empty: no DHT peers yet.</p> : t.buckets.map(b => <Bucket key={`${b.prefix}/${b.depth}`} bucket={b} k={t.k} />)}
            <Activity table={t} />
          </>
          )}
    </section>
  )
}

function bucketName (b: RoutingBucketView): string {
  return b.prefix === '' ? 'whole keyspace' : `prefix ${b.prefix}`
}

function Bucket ({ bucket: b, k }: { readonly bucket: RoutingBucketView, readonly k: number }): React.JSX.Element {
  const name = bucketName(b)
  const shared = b.own ? `${b.cpl} or more shared bits (this node's own branch)` : `${b.cpl} shared ${b.cpl === 1 ? 'bit' : 'bits'}`
  return (
    <details className="bucket" open>
      <summary>
        Bucket {name}: {shared}, {b.peers.length} of {k}
        <meter className="bucket-fill" min={0} max={k} value={b.peers.length} aria-label={`Fill of bucket ${name}`}>{b.peers.length} of {k}</meter>
      </summary>
      <div className="table-wrap">
        <table className="table stack-table" role="table" aria-label={`Peers in bucket ${name}`}>
          <thead>
            <tr><th scope="col">Peer</th><th scope="col" className="num">Shared bits</th><th scope="col">Last seen</th><th scope="col">Connected</th><th scope="col" className="num">Round trip</th><th scope="col">Path</th><th scope="col">Agent</th></tr>
          </thead>
          <tbody>
            {b.peers.map(p => (
              <tr key={p.peerId}>
                <th scope="row" className="mono" title={p.peerId}>{shortPeerId(p.peerId)}</th>
                <td className="num" data-label="Shared bits">{p.cpl}</td>
                <td data-label="Last seen">{ago(p.lastSeen)}</td>
                <td data-label="Connected">{p.connected ? '✓ yes' : '✗ no'}</td>
                <td className="num" data-label="Round trip">{p.rttMs == null ? '–' : `${Math.round(p.rttMs)} ms`}</td>
                <td data-label="Path">{p.addressClass}</td>
                <td className="wrap stack-wide" data-label="Agent">{p.agent ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}

function Activity ({ table }: { readonly table: RoutingTableView }): React.JSX.Element {
  const theme = useContext(ThemeContext)
  const palette = useMemo(() => chartPalette(theme), [theme])
  const a = table.activity
  const minutes = Math.round(a.intervalMs * a.starts.length / 60_000)
  const added = a.added.reduce((x, y) => x + y, 0)
  const removed = a.removed.reduce((x, y) => x + y, 0)
  const summary = `Routing table changes over the last ${minutes} minutes: ${added} added, ${removed} evicted or removed.`
  const labels = a.starts.map(s => new Date(s).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }))
  const active = a.starts.map((s, i) => ({ s, label: labels[i], added: a.added[i], removed: a.removed[i] })).filter(r => r.added + r.removed > 0)
  return (
    <figure className="chart-figure">
      <h3 className="subhead">Additions and evictions over time</h3>
      <div className="chart-box">
        <Bar
          role="img"
          aria-label={summary}
          data={{
            labels,
            datasets: [
              { label: 'Added', data: a.added, backgroundColor: palette.download },
              { label: 'Removed', data: a.removed.map(n => -n), backgroundColor: palette.upload }
            ]
          }}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: { legend: { labels: { color: palette.text } } },
            scales: {
              x: { stacked: true, ticks: { color: palette.text, maxTicksLimit: 8 }, grid: { color: palette.grid } },
              y: { stacked: true, ticks: { color: palette.text, precision: 0 }, grid: { color: palette.grid }, title: { display: true, text: `Peers per ${Math.round(a.intervalMs / 1000)} s`, color: palette.text } }
            }
          }}
        >
          {summary}
        </Bar>
      </div>
      <figcaption>{summary} Additions go up, removals down.</figcaption>
      <details>
        <summary>Changes as a table</summary>
        {active.length === 0
          ? <p className="empty">No changes in this time.</p>
          : (
            <table className="table stack-table" role="table">
              <thead><tr><th scope="col">From</th><th scope="col" className="num">Added</th><th scope="col" className="num">Removed</th></tr></thead>
              <tbody>{active.map(r => <tr key={r.s}><th scope="row">{r.label}</th><td className="num" data-label="Added">{r.added}</td><td className="num" data-label="Removed">{r.removed}</td></tr>)}</tbody>
            </table>
            )}
      </details>
    </figure>
  )
}
