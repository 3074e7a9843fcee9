/**
 * The routing table as a bar chart: peers per k-bucket against the bucket
 * size k, with words that say what the shape means (one part-full bucket is
 * normal for a small network), and a table with the same numbers as the
 * chart's text alternative.
 */
import { useContext, useId, useMemo } from 'react'
import { Bar } from 'react-chartjs-2'
import { countOf, type DhtView } from '../../../../shared/index.js'
import { ThemeContext } from '../../components/theme.js'
import { chartPalette } from './chart-setup.js'
import { bucketLabel, routingTableNote } from './dht-explain.js'

export function BucketChart ({ dht }: { readonly dht: DhtView }): React.JSX.Element {
  const theme = useContext(ThemeContext)
  const palette = useMemo(() => chartPalette(theme), [theme])
  const noteId = useId()
  const buckets = dht.buckets
  const labels = buckets.map(b => bucketLabel(b.prefix, b.depth))
  const full = buckets.filter(b => b.peers.length >= dht.kBucketSize).length
  const summary = `Routing table: ${countOf(dht.routingTableSize, 'peer')} in ${countOf(buckets.length, 'bucket')} of up to ${dht.kBucketSize}; ${full} full.`

  return (
    <figure className="chart-figure">
      <p className="hint" id={noteId}>{routingTableNote(dht)}</p>
      <div className="chart-box">
        <Bar
          role="img"
          aria-label={summary}
          aria-describedby={noteId}
          data={{ labels, datasets: [{ label: 'Peers in bucket', data: buckets.map(b => b.peers.length), backgroundColor: palette.bar }] }}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: { legend: { display: false } },
            scales: {
              x: { ticks: { color: palette.text }, grid: { color: palette.grid }, title: { display: true, text: 'Bucket: first bits of its peers\' IDs', color: palette.text } },
              y: { beginAtZero: true, max: dht.kBucketSize, ticks: { color: palette.text, precision: 0 }, grid: { color: palette.grid }, title: { display: true, text: `Peers (k = ${dht.kBucketSize})`, color: palette.text } }
            }
          }}
        >
          {summary}
        </Bar>
      </div>
      <figcaption>{summary}</figcaption>
      <details>
        <summary>Buckets as a table</summary>
        <table className="table">
          <thead><tr><th scope="col">Bucket</th><th scope="col" className="num">Peers</th></tr></thead>
          <tbody>
            {buckets.map(b => <tr key={`${b.prefix}/${b.depth}`}><th scope="row" className="mono">{bucketLabel(b.prefix, b.depth)}</th><td className="num">{b.peers.length}</td></tr>)}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
