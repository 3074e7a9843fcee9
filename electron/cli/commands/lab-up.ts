/**
 * `peershare lab up N`: runs a lab in this process (the supervisor: parent of
 * every instance and server of the dashboard) until Ctrl-C, SIGTERM or
 * `peershare lab down NAME`. Ctrl-C keeps the lab's folder, so `lab ls`
 * still lists it; `lab down` removes it.
 */
import { existsSync } from 'node:fs'
import { formatBytes } from '../../../shared/index.js'
import { LabAlreadyRunningError, LabError } from '../../lab/errors.js'
import { Lab } from '../../lab/lab.js'
import { labFolder, readLabDescription } from '../../lab/lab-folder.js'
import { randomSeed } from '../../lab/peer-keys.js'
import { isProcessAlive } from '../../host/index.js'
import { printJson, printLine, printNote, type CliIo } from '../io.js'
import { formatTable } from '../table.js'
import type { LabCliCommand } from './lab-args.js'

type UpCommand = Extract<LabCliCommand, { kind: 'up' }>

/** How long `lab up` waits for every instance to be ready before it reports what it has, ms: 1 minute, and 3 s more per instance. */
const readyTimeout = (size: number): number => 60_000 + 3_000 * size

/** Runs the lab; resolves with the exit code once it has stopped. */
export async function labUpCommand (command: UpCommand, io: CliIo): Promise<number> {
  const name = command.name ?? firstFreeName(command.root)
  const folder = labFolder(command.root, name)
  await checkFree(folder, name)
  const seed = command.seed ?? randomSeed()

  let requestStop!: (why: 'down' | 'signal') => void
  const stopRequested = new Promise<'down' | 'signal'>(resolve => { requestStop = resolve })
  const lab = new Lab({
    name,
    folder,
    size: command.size,
    topology: command.topology,
    seed,
    mode: command.inProcess ? 'in-process' : 'processes',
    port: command.port,
    relay: command.relay,
    relayDataLimit: command.relayDataLimit,
    onDown: () => { requestStop('down') },
    onDashboard: address => { if (!command.json) printLine(io, `Lab dashboard: ${address}`) }
  })
  const onSignal = (): void => {
    requestStop('signal')
    // Also while starting: no more instances are started.
    void lab.stop().catch(() => {})
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const lastDefence = (): void => { lab.killRemaining() }
  process.once('exit', lastDefence)

  try {
    try {
      await lab.start()
      await lab.whenReady(readyTimeout(command.size))
    } catch (err) {
      printNote(io, (err as Error).message)
      if (!(err instanceof LabError) || err.code !== 'aborted') throw err
    }
    const view = lab.view()
    if (command.json) {
      printJson(io, lab.description())
    } else {
      printLine(io, `Lab ${name}: ${view.instances.length} ${view.mode === 'in-process' ? 'in-process engines (one process)' : 'daemon processes'}, topology ${view.topology}, seed ${seed}, network ${view.network}`)
      const rows = view.instances.map(i => [i.name, i.state, i.peerId, String(i.routingTableSize), i.api ?? '-', i.profile])
      for (const line of formatTable([{ header: 'NODE' }, { header: 'STATE' }, { header: 'PEER ID' }, { header: 'DHT', align: 'right' }, { header: 'API' }, { header: 'PROFILE' }], rows)) printLine(io, line)
      if (view.relay != null) printLine(io, `Lab relay: ${view.relay.addrs[0] ?? '-'} (data limit ${view.relay.dataLimit === 'none' ? 'none' : '128 KiB and 2 minutes per connection'}), given to every instance as its relay`)
      if (view.allReadyAt != null) printLine(io, `All ready ${((view.allReadyAt - view.startedAt) / 1000).toFixed(1)} s after start; lab memory ${formatBytes(process.memoryUsage().rss)} (supervisor).`)
      printNote(io, `Steer: peershare lab set n1 latency=80ms loss=2% · peershare lab kill n0 · peershare status --profile ${view.instances[0]?.profile ?? '<profile>'}`)
      printNote(io, `Stop: Ctrl-C (keeps ${folder}) or peershare lab down ${name} (removes it).`)
    }
    const why = await stopRequested
    await lab.stop()
    if (!command.json) printNote(io, why === 'down' ? `Lab ${name} stopped.` : `Lab ${name} stopped; its folder stays at ${folder} (\`peershare lab down ${name}\` removes it).`)
    return 0
  } finally {
    await lab.stop().catch(() => {})
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    process.off('exit', lastDefence)
  }
}

/** lab, lab-2, lab-3, …: the first name with no folder yet. */
function firstFreeName (root: string): string {
  for (let i = 1; i < 1000; i++) {
    const name = i === 1 ? 'lab' : `lab-${i}`
    if (!existsSync(labFolder(root, name))) return name
  }
  throw new LabError('bad-request', `Too many labs under ${root}; remove some with \`peershare lab down NAME\`.`)
}

/** Refuses a name whose lab runs, or whose stopped lab's folder is still there. */
async function checkFree (folder: string, name: string): Promise<void> {
  if (!existsSync(folder)) return
  const description = await readLabDescription(folder)
  if (description != null && isProcessAlive(description.pid)) throw new LabAlreadyRunningError(name, description.pid)
  throw new LabError('bad-request', `A stopped lab named "${name}" is still at ${folder}; remove it with \`peershare lab down ${name}\` or pick another --name.`)
}
