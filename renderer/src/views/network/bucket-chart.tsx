/**
 * The routing table as a bar chart: peers per k-bucket, labelled by the
 * bucket's prefix, against the bucket size k. A table with the same numbers
 * is the chart's text alternative.
 */
import { useContext, useMemo } from 'react'
import { Bar } from 'react-chartjs-2'
import type { DhtView } from '../../../../shared/index.js'
import { ThemeContext } from '../../components/theme.js'
import { chartPalette } from './chart-setup.js'

/** A bucket's label: its binary prefix, or "root" for the whole space. */
export function bucketLabel (prefix: string, depth: number): string {
  return prefix === '' ? `root (depth ${depth})` : `${prefix} (depth ${depth})`
}

export function BucketChart ({ dht }: { readonly dht: DhtView }): React.JSX.Element {
  const theme = useContext(ThemeContext)
  const palette = useMemo(() => chartPalette(theme), [theme])
  const buckets = dht.buckets
  const labels = buckets.map(b => bucketLabel(b.prefix, b.depth))
  const full = buckets.filter(b => b.peers.length >= dht.kBucketSize).length
  const summary = `Routing table: ${dht.routingTableSize} peers in ${buckets.length} ${buckets.length === 1 ? 'bucket' : 'buckets'} of up to ${dht.kBucketSize}; ${full} full.`

  return (
    <figure className="chart-figure">
      <div className="chart-box">
        <Bar
          role="img"
          aria-label={summary}
          data={{ labels, datasets: [{ label: 'Peers in bucket', data: buckets.map(b => b.peers.length), backgroundColor: palette.bar }] }}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: { legend: { display: false } },
            scales: {
              x: { ticks: { color: palette.text }, grid: { color: palette.grid }, title: { display: true, text: 'Bucket prefix', color: palette.text } },
              y: { beginAtZero: true, suggestedMax: dht.kBucketSize, ticks: { color: palette.text, precision: 0 }, grid: { color: palette.grid }, title: { display: true, text: 'Peers', color: palette.text } }
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
