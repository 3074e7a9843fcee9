/**
 * `peershare doctor LINK|ROOT`: why a share does or does not download, as
 * timed steps and a verdict (or the DoctorReportView with --json). Exits 0
 * when a chunk was fetched and verified, 1 otherwise.
 */
import type { DoctorReportView } from '../../../shared/index.js'
import type { CliCommand } from '../args.js'
import { printJson, printLine, type CliIo } from '../io.js'
import { withSession } from './with-session.js'

const MARK = { pass: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' } as const

/** Runs `doctor`; resolves with the exit code. */
export async function doctorCommand (command: Extract<CliCommand, { kind: 'doctor' }>, io: CliIo): Promise<number> {
  const report = await withSession(command, io, async ({ api }) => await api.doctor({ link: command.link }))
  if (command.json) printJson(io, report)
  else for (const line of doctorLines(report)) printLine(io, line)
  return report.ok ? 0 : 1
}

/** One line per step, then the verdict. */
export function doctorLines (r: DoctorReportView): string[] {
  const width = Math.max(...r.steps.map(s => String(s.ms).length))
  return [
    `Diagnosis of ${r.root}`,
    '',
    ...r.steps.map(s => `[${MARK[s.result]}] ${String(s.ms).padStart(width)} ms  ${s.name}  ${s.detail}`),
    '',
    `Verdict: ${r.verdict}`,
    ...(r.traceId != null ? [`(The DHT lookup is kept as trace ${r.traceId}: peershare dht lookups.)`] : [])
  ]
}
