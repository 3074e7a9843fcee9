/**
 * Small statistics for noisy measurements: medians, percentiles, and the
 * ratio of a measured figure to its same-run baseline.
 */

/** The median (mean of the two middle values for an even count); NaN when empty. */
export function median (values: readonly number[]): number {
  return percentile(values, 50)
}

/** The p-th percentile by linear interpolation between closest ranks; NaN when empty. */
export function percentile (values: readonly number[], p: number): number {
  const sorted = values.filter(v => Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const rank = (p / 100) * (sorted.length - 1)
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo)
}

/** Rounds for display and JSON, keeping NaN as null-friendly. */
export function round (value: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
