/**
 * The `peershare` CLI as a function: parses the command line, runs the
 * command and turns every failure into `peershare: <message>` on stderr (or,
 * with --json, one `{"error":{"code","message"}}` line on stdout) and an
 * exit code (2 for usage errors). main.ts calls it for the real process.
 */
import { parseCliArgs, type CliCommand, type CliEnv } from './args.js'
import { UsageError } from './usage-error.js'
import { printError, printJson, printLine, processIo, type CliIo } from './io.js'
import { COMMAND_HELP, SHORT_USAGE, USAGE } from './usage.js'
import { packageVersion } from './version.js'

// Each command's module (and with it the engine) is imported only when that
// command runs, so `help` and usage errors answer without loading libp2p.

/** Runs the CLI for `argv` (without node and script paths); resolves with the exit code. */
export async function runCli (argv: readonly string[], io: CliIo = processIo(), env: CliEnv = process.env): Promise<number> {
  if (argv[0] === 'lab') return await runLab(argv.slice(1), io, env)
  let command: CliCommand
  try {
    command = parseCliArgs(argv, env)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    if (argv.includes('--json')) {
      printJson(io, { error: { code: err.code, message: err.message } })
    } else {
      printError(io, err.message)
      io.stderr.write(`${SHORT_USAGE}\n`)
    }
    return 2
  }

  try {
    return await dispatch(command, io)
  } catch (err) {
    const { errorBody } = await import('./errors.js')
    const body = errorBody(err)
    if ('json' in command && command.json) printJson(io, { error: body })
    else printError(io, body.message)
    if (/\bpeershare\b/.test(process.env.DEBUG ?? '') && err instanceof Error && err.stack != null) io.stderr.write(`${err.stack}\n`)
    return 1
  }
}

/** `peershare lab …` has options of its own, so it is parsed and run by its own module. */
async function runLab (argv: readonly string[], io: CliIo, env: CliEnv & { PEERSHARE_LAB_ROOT?: string }): Promise<number> {
  try {
    return await (await import('./commands/lab.js')).labCommand(argv, io, env)
  } catch (err) {
    if (err instanceof UsageError) {
      printError(io, err.message)
      io.stderr.write('Run `peershare lab help` for the lab\'s commands and options.\n')
      return 2
    }
    printError(io, err instanceof Error ? err.message : String(err))
    return 1
  }
}

async function dispatch (command: CliCommand, io: CliIo): Promise<number> {
  if (command.kind === 'help') {
    io.stdout.write(command.topic == null ? USAGE : COMMAND_HELP[command.topic])
    return 0
  }
  if (command.kind === 'version') {
    printLine(io, `peershare ${await packageVersion()}`)
    return 0
  }
  // A profile path that is a file is named as such before anything tries to use it.
  await (await import('../core/index.js')).profileExists(command.profile)
  switch (command.kind) {
    case 'daemon':
      return await (await import('./commands/daemon.js')).daemonCommand(command, io)
    case 'relay':
      return await (await import('./commands/relay.js')).relayCommand(command, io)
    case 'share':
      return await (await import('./commands/share.js')).shareCommand(command, io)
    case 'unshare':
      return await (await import('./commands/unshare.js')).unshareCommand(command, io)
    case 'link':
      return await (await import('./commands/link.js')).linkCommand(command, io)
    case 'devices':
    case 'send':
    case 'offers':
    case 'accept':
    case 'decline':
    case 'pair':
    case 'unpair':
      return await (await import('./commands/devices.js')).devicesCommand(command, io)
    case 'get':
      return await (await import('./commands/get.js')).getCommand(command, io)
    case 'ls':
      return await (await import('./commands/ls.js')).lsCommand(command, io)
    case 'status':
      return await (await import('./commands/status.js')).statusCommand(command, io)
    case 'peers':
      return await (await import('./commands/peers.js')).peersCommand(command, io)
    case 'dht':
      return await (await import('./commands/dht.js')).dhtCommand(command, io)
    case 'dht-inspect':
      return await (await import('./commands/dht-inspect.js')).dhtInspectCommand(command, io)
    case 'doctor':
      return await (await import('./commands/doctor.js')).doctorCommand(command, io)
    case 'ui':
      return await (await import('./commands/ui.js')).uiCommand(command, io)
    case 'jobs':
      return await (await import('./commands/jobs.js')).jobsCommand(command, io)
  }
}
