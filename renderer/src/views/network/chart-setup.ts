/**
 * Registers the few chart.js pieces the Network view draws with (tree
 * shaking keeps the rest out of the bundle) and builds theme-aware colours,
 * read from the stylesheet's palette so charts match light and dark themes.
 */
import {
  BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineElement, PointElement, Tooltip
} from 'chart.js'
import { cssColor, type Theme } from '../../components/theme.js'

Chart.register(BarElement, CategoryScale, Filler, Legend, LinearScale, LineElement, PointElement, Tooltip)

export interface ChartPalette {
  readonly text: string
  readonly grid: string
  readonly download: string
  readonly upload: string
  readonly bar: string
}

/** The palette for the theme in effect; `theme` is only there to recompute on change. */
export function chartPalette (_theme: Theme): ChartPalette {
  return {
    text: cssColor('--text'),
    grid: cssColor('--border'),
    download: cssColor('--chart-download'),
    upload: cssColor('--chart-upload'),
    bar: cssColor('--accent')
  }
}
