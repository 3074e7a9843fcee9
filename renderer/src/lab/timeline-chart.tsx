/**
 * The combined timeline of the swarm: one row per instance (and one for the
 * lab's own actions), each connection and each download a bar from its
 * start to its end (or to now while it lasts), the lab's actions as ticks;
 * seconds since the lab started. A table of the latest entries is its text
 * alternative.
 */
import { useContext, useMemo } from 'react'
import { Bar } from 'react-chartjs-2'
import type { LabTimelineEntry, LabView } from '../../../shared/lab.js'
import { ThemeContext } from '../components/theme.js'
import { chartPalette } from '../views/network/chart-setup.js'

/** Rows of the table beside the chart. */
const TABLE_ROWS = 60

interface TimelineBar { readonly x: [number, number], readonly y: string }

/** The bars of one kind of entry, in seconds since `t0`. */
export function timelineBars (entries: readonly LabTimelineEntry[], kind: LabTimelineEntry['kind'], t0: number, now: number): TimelineBar[] {
  return entries.filter(e => e.kind === kind).map(e => {
    const start = (e.start - t0) / 1000
    const end = ((e.end ?? now) - t0) / 1000
    return { x: [start, Math.max(end, start + (kind === 'lab' || kind === 'path' ? 0.4 : 0.2))], y: e.node }
  })
}

export function TimelineChart ({ view }: { readonly view: LabView }): React.JSX.Element {
  const theme = useContext(ThemeContext)
  const palette = useMemo(() => chartPalette(theme), [theme])
  const rows = useMemo(() => ['lab', ...view.instances.map(i => i.name), ...(view.relay != null ? [view.relay.name] : [])], [view.instances, view.relay])
  const t0 = view.startedAt
  const { timeline } = view
  const counts = { connection: 0, transfer: 0, path: 0, lab: 0 }
  for (const e of timeline) counts[e.kind]++
  const summary = `Timeline of the last ${Math.round((view.now - t0) / 1000)} s: ${counts.transfer} downloads, ${counts.connection} connections, ${counts.path} path changes, ${counts.lab} lab actions.`
  const latest = timeline.slice().sort((a, b) => b.start - a.start).slice(0, TABLE_ROWS)

  return (
    <figure className="chart-figure">
      <div className="timeline-box">
        <Bar
          role="img"
          aria-label={summary}
          data={{
            labels: rows,
            datasets: [
              { label: 'Connections', data: timelineBars(timeline, 'connection', t0, view.now), backgroundColor: `${palette.grid}`, grouped: false, barPercentage: 0.9 },
              { label: 'Downloads', data: timelineBars(timeline, 'transfer', t0, view.now), backgroundColor: palette.download, grouped: false, barPercentage: 0.5 },
              { label: 'Path changes', data: timelineBars(timeline, 'path', t0, view.now), backgroundColor: palette.bar, grouped: false, barPercentage: 0.7 },
              { label: 'Lab actions', data: timelineBars(timeline, 'lab', t0, view.now), backgroundColor: palette.upload, grouped: false, barPercentage: 0.9 }
            ]
          }}
          options={{
            indexAxis: 'y',
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            parsing: { xAxisKey: 'x', yAxisKey: 'y' },
            plugins: { legend: { labels: { color: palette.text } } },
            scales: {
              x: { type: 'linear', min: 0, suggestedMax: Math.max(10, (view.now - t0) / 1000), ticks: { color: palette.text }, grid: { color: palette.grid }, title: { display: true, text: 'Seconds since the lab started', color: palette.text } },
              y: { type: 'category', labels: rows, ticks: { color: palette.text }, grid: { color: palette.grid } }
            }
          }}
        >
          {summary}
        </Bar>
      </div>
      <figcaption>{summary}</figcaption>
      <details>
        <summary>Timeline as a table</summary>
        <table className="table">
          <thead><tr><th scope="col" className="num">At (s)</th><th scope="col">Node</th><th scope="col">What</th><th scope="col">Detail</th><th scope="col" className="num">Lasted (s)</th></tr></thead>
          <tbody>
            {latest.map(e => (
              <tr key={e.id}>
                <td className="num">{((e.start - t0) / 1000).toFixed(1)}</td>
                <th scope="row">{e.node}</th>
                <td>{`${e.kind === 'connection' ? 'connected to ' : e.kind === 'transfer' ? 'download ' : e.kind === 'path' ? 'path to ' : ''}${e.label}`}</td>
                <td>{e.detail ?? ''}</td>
                <td className="num">{e.kind === 'lab' || e.kind === 'path' ? '' : e.end == null ? 'ongoing' : ((e.end - e.start) / 1000).toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
