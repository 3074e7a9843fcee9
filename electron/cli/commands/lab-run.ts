/**
 * `peershare lab run FILE`: starts the scenario's lab, plays the scenario,
 * prints a report (or one JSON document), writes the report as JSON, stops
 * the lab and removes its folder (unless --keep), and exits 1 naming the
 * first assertion that failed.
 */
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Lab } from '../../lab/lab.js'
import { labFolder, removeLabFolder } from '../../lab/lab-folder.js'
import { parseScenario } from '../../lab/scenario/scenario-file.js'
import { ScenarioRunner, type ScenarioReport } from '../../lab/scenario/scenario-runner.js'
import { formatTopology } from '../../lab/topology.js'
import { printError, printJson, printLine, printNote, type CliIo } from '../io.js'
import type { LabCliCommand } from './lab-args.js'

type RunCommand = Extract<LabCliCommand, { kind: 'run' }>

/** How long the scenario's lab may take to be ready, ms: 1 minute, and 3 s more per instance. */
const readyTimeout = (size: number): number => 60_000 + 3_000 * size

/** Runs the scenario; resolves with 0 when every assertion held, else 1. */
export async function labRunCommand (command: RunCommand, io: CliIo): Promise<number> {
  const scenario = parseScenario(await readFile(command.file, 'utf8'))
  let name = `scn-${scenario.name}`.slice(0, 40)
  for (let i = 2; existsSync(labFolder(command.root, name)); i++) name = `scn-${scenario.name}`.slice(0, 34) + `-${i}`
  const folder = labFolder(command.root, name)
  const reportFile = command.report ?? join(command.root, `${scenario.name}-report.json`)

  const lab = new Lab({
    name,
    folder,
    size: scenario.lab.size,
    topology: scenario.lab.topology,
    seed: scenario.lab.seed,
    relay: scenario.lab.relay != null,
    relayDataLimit: scenario.lab.relay,
    onDashboard: address => { if (!command.json) printNote(io, `Scenario ${scenario.name}: lab dashboard ${address}`) }
  })
  const onSignal = (): void => { void lab.stop() }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  let report: ScenarioReport
  try {
    if (!command.json) printNote(io, `Starting ${scenario.lab.size} instances (${formatTopology(scenario.lab.topology)}, seed ${scenario.lab.seed})…`)
    await lab.start()
    try {
      await lab.whenReady(readyTimeout(scenario.lab.size))
    } catch (err) {
      // Not ready: say why from the lab's own log before giving up.
      for (const line of lab.logBook.read({ limit: 30 })) printNote(io, `  [${line.node}] ${line.text}`)
      throw err
    }
    report = await new ScenarioRunner({ lab }, { scenario, folder }).run()
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await lab.stop().catch(() => {})
    if (!command.keep) await removeLabFolder(folder).catch(() => {})
  }
  await writeFile(reportFile, `${JSON.stringify(report, null, 2)}\n`)

  if (command.json) printJson(io, report)
  else for (const line of reportLines(report)) printLine(io, line)
  if (!command.json) printNote(io, `Report: ${reportFile}${command.keep ? `; lab folder kept at ${folder}` : ''}`)
  if (!report.passed) printError(io, `scenario ${report.scenario} failed: ${report.failed ?? 'an assertion failed'}`)
  return report.passed ? 0 : 1
}

/** The report as text: steps, then assertions, then the verdict. */
export function reportLines (r: ScenarioReport): string[] {
  const s = (ms: number | null): string => ms == null ? '   –  ' : `${(ms / 1000).toFixed(1).padStart(6)}s`
  return [
    `Scenario ${r.scenario}: ${r.description}`,
    `Lab ${r.lab.name}: ${r.lab.size} instances, ${r.lab.topology}, seed ${r.lab.seed}; ran ${(r.durationMs / 1000).toFixed(1)} s`,
    'Steps:',
    ...r.steps.map(step => `  ${s(step.ranAt)}  ${step.ok ? 'ok  ' : step.ranAt == null ? 'not reached' : 'FAIL'}  ${step.do} ${step.nodes.join(', ')}${step.error != null ? ` — ${step.error}` : ''}`),
    'Assertions:',
    ...r.assertions.map(a => `  ${a.passed ? '✔' : '✖'} ${a.title} at ${(a.settledAt / 1000).toFixed(1)} s — ${a.message}`),
    r.passed ? `PASSED: all ${r.assertions.length} assertions held.` : `FAILED: ${r.failed}`
  ]
}
