/**
 * The suite's one table (and its JSON form): every row is a measured figure
 * next to the baseline measured in the same run, their ratio, the target,
 * and whether the target was met. A missed target is printed, never thrown.
 */
import os from 'node:os'

/** How a row's target compares: the ratio (or value) must be at least / at most `target`. */
export type TargetKind = 'ratio-min' | 'value-max' | 'value-max-ratio' | 'info'

export interface Row {
  /** Benchmark number and name, e.g. '1 transfer'. */
  readonly bench: string
  /** What the row measures. */
  readonly measure: string
  /** The median figure, in `unit`. */
  readonly value: number
  readonly unit: string
  /** The same-run baseline, in `unit`, if any. */
  readonly baseline?: number
  readonly baselineLabel?: string
  /** value / baseline (or whatever the row defines), if any. */
  readonly ratio?: number
  /** The target, on the ratio or on the value (see `kind`). */
  readonly target?: number
  readonly kind: TargetKind
  /** Every run's figure, for the JSON. */
  readonly runs?: readonly number[]
  readonly note?: string
}

/** Whether a row meets its target; undefined for informational rows. */
export function met (row: Row): boolean | undefined {
  if (row.target == null || row.kind === 'info') return undefined
  switch (row.kind) {
    case 'ratio-min': return (row.ratio ?? NaN) >= row.target
    case 'value-max': return row.value <= row.target
    case 'value-max-ratio': return (row.ratio ?? NaN) <= row.target
  }
}

function fmt (v: number | undefined, digits = 1): string {
  if (v == null) return ''
  if (!Number.isFinite(v)) return 'n/a'
  return v >= 100 ? v.toFixed(0) : v.toFixed(digits)
}

function targetText (row: Row): string {
  if (row.target == null) return ''
  switch (row.kind) {
    case 'ratio-min': return `ratio ≥ ${row.target}`
    case 'value-max': return `≤ ${row.target} ${row.unit}`
    case 'value-max-ratio': return `ratio ≤ ${row.target}`
    case 'info': return ''
  }
}

/** The table as Markdown-compatible text. */
export function formatTable (rows: readonly Row[]): string {
  const head = ['#', 'measure', 'value', 'baseline (same run)', 'ratio', 'target', 'met']
  const body = rows.map(r => {
    const ok = met(r)
    return [
      r.bench,
      r.measure,
      `${fmt(r.value)} ${r.unit}`,
      r.baseline == null ? '' : `${fmt(r.baseline)} ${r.unit}${r.baselineLabel != null ? ` (${r.baselineLabel})` : ''}`,
      r.ratio == null ? '' : fmt(r.ratio, 2),
      targetText(r),
      ok == null ? '' : ok ? 'yes' : 'MISSED'
    ]
  })
  const widths = head.map((h, i) => Math.max(h.length, ...body.map(b => b[i].length)))
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  return [line(head), `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n')
}

/** The machine, for the record. */
export function machine (): Record<string, unknown> {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    loadAverage: os.loadavg().map(l => Math.round(l * 100) / 100)
  }
}

/** A summary line per missed target, for the end of the output. */
export function missedTargets (rows: readonly Row[]): string[] {
  return rows.filter(r => met(r) === false).map(r => {
    const got = r.kind === 'value-max' ? `${fmt(r.value, 1)} ${r.unit}` : `ratio ${fmt(r.ratio, 2)}`
    return `target missed: ${r.bench}, ${r.measure}: ${got} (target ${targetText(r)})`
  })
}
