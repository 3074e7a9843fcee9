/**
 * `peershare lab …`: runs a lab in the foreground (`up`, `run`), or steers
 * one that runs elsewhere through its API (`set`, `stop`, `kill`, `restart`,
 * `partition`, `heal`, `misbehave`, `down`), or lists them (`ls`).
 */
import { formatBytes } from '../../../shared/index.js'
import type { LabInstanceView } from '../../../shared/lab.js'
import { connectLab } from '../../lab/lab-client.js'
import { listLabs } from '../../lab/lab-folder.js'
import { formatConditions } from '../../lab/net/conditions.js'
import { tearDownLab } from '../../lab/teardown.js'
import { printJson, printLine, printNote, type CliIo } from '../io.js'
import { formatTable } from '../table.js'
import { parseLabArgs, type LabCliCommand } from './lab-args.js'
import { LAB_USAGE } from './lab-usage.js'

/** Runs `peershare lab ARGS`; resolves with the exit code. UsageErrors propagate to the caller. */
export async function labCommand (argv: readonly string[], io: CliIo, env: { PEERSHARE_LAB_ROOT?: string }): Promise<number> {
  const command = parseLabArgs(argv, env)
  switch (command.kind) {
    case 'help':
      io.stdout.write(LAB_USAGE)
      return 0
    case 'up':
      return await (await import('./lab-up.js')).labUpCommand(command, io)
    case 'run':
      return await (await import('./lab-run.js')).labRunCommand(command, io)
    case 'down': {
      const result = await tearDownLab(command.root, command.name, command.keep)
      printNote(io, `Lab ${command.name} is down${result.killed > 0 ? ` (${result.killed} process${result.killed === 1 ? '' : 'es'} had to be killed)` : ''}; ${result.removed ? `removed ${result.folder}` : `kept ${result.folder}`}.`)
      return 0
    }
    case 'ls':
      return await listCommand(command, io)
    case 'set':
    case 'action':
    case 'misbehave': {
      const client = await connectLab(command.root, command.name)
      const view = command.kind === 'set'
        ? await client.call('set', { node: command.node, change: command.change })
        : command.kind === 'action'
          ? await client.call('control', { node: command.node, action: command.action })
          : await client.call('misbehave', { node: command.node, mode: command.mode })
      if (command.json) printJson(io, view)
      else printLine(io, instanceLine(view))
      return 0
    }
  }
}

async function listCommand (command: Extract<LabCliCommand, { kind: 'ls' }>, io: CliIo): Promise<number> {
  const labs = await listLabs(command.root)
  if (command.json) {
    printJson(io, labs.map(l => ({ name: l.name, folder: l.folder, running: l.running, ...(l.description != null ? { instances: l.description.instances.length, mode: l.description.mode, dashboard: l.running ? l.description.dashboard : undefined } : {}) })))
    return 0
  }
  if (labs.length === 0) {
    printNote(io, `No labs under ${command.root}; start one with \`peershare lab up N\`.`)
    return 0
  }
  const rows = labs.map(l => [
    l.name,
    l.running ? 'running' : 'stopped',
    String(l.description?.instances.length ?? '?'),
    l.description?.mode ?? '?',
    l.description?.topology ?? '?',
    l.folder
  ])
  for (const line of formatTable([{ header: 'NAME' }, { header: 'STATE' }, { header: 'INSTANCES', align: 'right' }, { header: 'MODE' }, { header: 'TOPOLOGY' }, { header: 'FOLDER' }], rows)) printLine(io, line)
  return 0
}

/** One line about an instance after an action. */
export function instanceLine (v: LabInstanceView): string {
  const caps = `up ${v.uploadLimit === 0 ? 'uncapped' : `${formatBytes(v.uploadLimit)}/s`}, down ${v.downloadLimit === 0 ? 'uncapped' : `${formatBytes(v.downloadLimit)}/s`}`
  const nat = v.nat === 'off' ? '' : `; ${v.nat === 'on' ? 'behind NAT' : 'relay only'}`
  return `${v.name}: ${v.state}${v.misbehave != null ? ` (${v.misbehave})` : ''}; conditions ${formatConditions(v.conditions)}${nat}; ${caps}`
}
