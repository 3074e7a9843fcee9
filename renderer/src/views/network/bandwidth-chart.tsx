/**
 * Live upload and download rates over the last two minutes, from the
 * once-a-second stats events. Only this component reads the stats history,
 * so a stats event re-renders nothing else. The summary in its aria-label
 * and caption says what the lines show.
 */
import { useContext, useMemo } from 'react'
import { Line } from 'react-chartjs-2'
import { formatRate } from '../../../../shared/index.js'
import { ThemeContext } from '../../components/theme.js'
import { STATS_WINDOW_MS, useStore } from '../../store/index.js'
import { chartPalette } from './chart-setup.js'

export function BandwidthChart (): React.JSX.Element {
  const samples = useStore(s => s.stats)
  const theme = useContext(ThemeContext)
  const palette = useMemo(() => chartPalette(theme), [theme])
  const last = samples.at(-1)
  const now = last?.at ?? Date.now()
  const peakIn = samples.reduce((m, s) => Math.max(m, s.rateIn), 0)
  const peakOut = samples.reduce((m, s) => Math.max(m, s.rateOut), 0)
  const summary = last == null
    ? 'Bandwidth: waiting for the first measurement.'
    : `Bandwidth over the last ${Math.round(STATS_WINDOW_MS / 1000)} seconds: download now ${formatRate(last.rateIn)} (peak ${formatRate(peakIn)}), upload now ${formatRate(last.rateOut)} (peak ${formatRate(peakOut)}).`

  const data = useMemo(() => ({
    labels: samples.map(s => `${Math.round((s.at - now) / 1000)} s`),
    datasets: [
      { label: 'Download', data: samples.map(s => s.rateIn / 1024), borderColor: palette.download, backgroundColor: palette.download, pointRadius: 0, borderWidth: 2, tension: 0.25 },
      { label: 'Upload', data: samples.map(s => s.rateOut / 1024), borderColor: palette.upload, backgroundColor: palette.upload, pointRadius: 0, borderWidth: 2, borderDash: [6, 3], tension: 0.25 }
    ]
  }), [samples, now, palette])

  return (
    <figure className="chart-figure">
      <div className="chart-box">
        <Line
          role="img"
          aria-label={summary}
          data={data}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            interaction: { mode: 'index', intersect: false },
            plugins: { legend: { labels: { color: palette.text } } },
            scales: {
              x: { ticks: { color: palette.text, maxTicksLimit: 7 }, grid: { color: palette.grid } },
              y: { beginAtZero: true, ticks: { color: palette.text }, grid: { color: palette.grid }, title: { display: true, text: 'KiB/s', color: palette.text } }
            }
          }}
        >
          {summary}
        </Line>
      </div>
      <figcaption>{summary} Download is the solid line, upload the dashed one.</figcaption>
    </figure>
  )
}
