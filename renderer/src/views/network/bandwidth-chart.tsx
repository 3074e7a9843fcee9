/**
 * Live upload and download rates over the last two minutes, from the
 * once-a-second stats events. Only this component reads the stats history,
 * so a stats event re-renders nothing else. The whole chart speaks one unit
 * (chosen from the peak it shows), its time axis reads "1:30 ago" … "now",
 * and its legend is plain HTML whose swatches repeat the lines' styles
 * (solid download, dashed upload), so colour is never the only cue.
 */
import { useContext, useMemo } from 'react'
import { Line } from 'react-chartjs-2'
import { ThemeContext } from '../../components/theme.js'
import { STATS_WINDOW_MS, useStore } from '../../store/index.js'
import { chartPalette } from './chart-setup.js'
import { formatRateIn, rateUnitFor, timeTick } from './chart-scales.js'

const WINDOW_S = Math.round(STATS_WINDOW_MS / 1000)

export function BandwidthChart (): React.JSX.Element {
  const samples = useStore(s => s.stats)
  const theme = useContext(ThemeContext)
  const palette = useMemo(() => chartPalette(theme), [theme])
  const last = samples.at(-1)
  const now = last?.at ?? Date.now()
  const peakIn = samples.reduce((m, s) => Math.max(m, s.rateIn), 0)
  const peakOut = samples.reduce((m, s) => Math.max(m, s.rateOut), 0)
  const unit = rateUnitFor(Math.max(peakIn, peakOut))
  const summary = last == null
    ? 'Bandwidth: waiting for the first measurement.'
    : `Bandwidth over the last ${WINDOW_S} seconds, in ${unit.label}: download now ${formatRateIn(last.rateIn, unit)} (peak ${formatRateIn(peakIn, unit)}), upload now ${formatRateIn(last.rateOut, unit)} (peak ${formatRateIn(peakOut, unit)}).`

  const data = useMemo(() => ({
    datasets: [
      { label: 'Download', data: samples.map(s => ({ x: (s.at - now) / 1000, y: s.rateIn / unit.bytes })), borderColor: palette.download, backgroundColor: palette.download, pointRadius: 0, borderWidth: 2, tension: 0.25 },
      { label: 'Upload', data: samples.map(s => ({ x: (s.at - now) / 1000, y: s.rateOut / unit.bytes })), borderColor: palette.upload, backgroundColor: palette.upload, pointRadius: 0, borderWidth: 2, borderDash: [6, 3], tension: 0.25 }
    ]
  }), [samples, now, palette, unit])

  return (
    <figure className="chart-figure">
      <ul className="chart-legend" aria-label="Lines">
        <li><span className="swatch swatch-download" aria-hidden="true" />Download (solid line)</li>
        <li><span className="swatch swatch-upload" aria-hidden="true" />Upload (dashed line)</li>
      </ul>
      <div className="chart-box">
        <Line
          role="img"
          aria-label={summary}
          data={data}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            parsing: false,
            interaction: { mode: 'index', intersect: false },
            plugins: {
              legend: { display: false },
              tooltip: {
                callbacks: {
                  title: items => timeTick(items[0]?.parsed.x ?? 0),
                  label: item => `${item.dataset.label ?? ''}: ${formatRateIn((item.parsed.y ?? 0) * unit.bytes, unit)}`
                }
              }
            },
            scales: {
              x: {
                type: 'linear',
                min: -WINDOW_S,
                max: 0,
                ticks: { color: palette.text, stepSize: 30, callback: value => timeTick(Number(value)) },
                grid: { color: palette.grid }
              },
              y: { beginAtZero: true, ticks: { color: palette.text }, grid: { color: palette.grid }, title: { display: true, text: unit.label, color: palette.text } }
            }
          }}
        >
          {summary}
        </Line>
      </div>
      <figcaption>{summary}</figcaption>
    </figure>
  )
}
