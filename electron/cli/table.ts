/**
 * Plain-text tables for the CLI's listings: columns padded to their widest
 * cell, numbers right-aligned.
 */

/** A column: its header and whether its cells align right. */
export interface Column {
  readonly header: string
  readonly align?: 'left' | 'right'
}

/** Formats rows under headers; returns the lines without trailing spaces. */
export function formatTable (columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((col, i) => Math.max(col.header.length, ...rows.map(row => (row[i] ?? '').length)))
  const line = (cells: readonly string[]): string =>
    columns.map((col, i) => {
      const cell = cells[i] ?? ''
      return col.align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])
    }).join('  ').trimEnd()
  return [line(columns.map(col => col.header)), ...rows.map(line)]
}
