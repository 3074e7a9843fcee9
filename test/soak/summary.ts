/**
 * What the soak found, as plain text: how long it ran and with what, how
 * every transfer ended, what the nemesis and the hostile peers did, each
 * node's memory peak against the bound, and every violation.
 */

export interface SoakSummary {
  readonly minutes: number
  readonly nodes: number
  readonly transfers: number
  readonly outcomes: Readonly<Record<'done' | 'failed' | 'paused' | 'unfinished' | 'missing', number>>
  /** Failed or paused transfers by state and error code. */
  readonly reasons: Readonly<Record<string, number>>
  /** One message for each reason, as the node gave it. */
  readonly examples: readonly string[]
  readonly nemesis: Readonly<Record<string, number>>
  readonly partitions: string
  readonly attacks: Readonly<Record<string, number>>
  readonly memoryBoundMiB: number
  readonly peakMiB: Readonly<Record<string, number>>
  readonly load: string
  readonly violations: readonly string[]
}

export function formatSummary (s: SoakSummary): string {
  const line = (r: Readonly<Record<string, number>>): string => Object.entries(r).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'
  const peaks = Object.values(s.peakMiB)
  return [
    '',
    `PeerShare soak: ${s.minutes} min, ${s.nodes} nodes on loopback (load at the end: ${s.load})`,
    `transfers started: ${s.transfers} — ${line(s.outcomes)}`,
    `failed or paused, by reason: ${line(s.reasons)}`,
    ...s.examples.map(e => `  e.g. ${e}`),
    `nemesis: ${line(s.nemesis)} (partitions: ${s.partitions})`,
    `hostile peers: ${line(s.attacks)}`,
    `memory: peak ${peaks.length === 0 ? '?' : Math.max(...peaks)} MiB of a bound of ${s.memoryBoundMiB} MiB per node (${line(s.peakMiB)})`,
    s.violations.length === 0 ? 'violations: none' : `violations: ${s.violations.length}\n${s.violations.map(v => `  - ${v}`).join('\n')}`,
    ''
  ].join('\n')
}
