/**
 * The bandwidth chart's scales, as pure functions: one rate unit for the
 * whole chart (chosen from the window's peak, so the axis, the tooltips and
 * the caption all speak it), and time ticks a person reads at a glance
 * ("1:30 ago", "now") instead of one raw label per sample.
 */

/** A rate unit and how many bytes per second make one of it. */
export interface RateUnit {
  readonly label: 'B/s' | 'KiB/s' | 'MiB/s' | 'GiB/s'
  readonly bytes: number
}

const RATE_UNITS: readonly RateUnit[] = [
  { label: 'B/s', bytes: 1 },
  { label: 'KiB/s', bytes: 1024 },
  { label: 'MiB/s', bytes: 1024 ** 2 },
  { label: 'GiB/s', bytes: 1024 ** 3 }
]

/** The largest unit the peak (bytes per second) is at least one of; KiB/s for an idle chart. */
export function rateUnitFor (peak: number): RateUnit {
  if (!(peak > 0)) return RATE_UNITS[1]
  return RATE_UNITS.findLast(u => peak >= u.bytes) ?? RATE_UNITS[0]
}

/** A rate in the chart's unit: "3.2 MiB/s", "0.4 MiB/s", "512 KiB/s". */
export function formatRateIn (bytesPerSecond: number, unit: RateUnit): string {
  const value = bytesPerSecond / unit.bytes
  const digits = value === 0 || value >= 100 ? 0 : 1
  return `${value.toFixed(digits)} ${unit.label}`
}

/** A tick of the time axis, in seconds before now (0 or less): "now", "30 s ago", "1:30 ago", "2 min ago". */
export function timeTick (secondsAgo: number): string {
  const s = Math.round(Math.abs(secondsAgo))
  if (s === 0) return 'now'
  if (s < 60) return `${s} s ago`
  if (s % 60 === 0) return `${s / 60} min ago`
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} ago`
}
