/**
 * The `peershare` CLI as a function: parses the command line, runs the
 * command and turns every failure into `peershare: <message>` on stderr and
 * an exit code (2 for usage errors). main.ts calls it for the real process.
 */
import { parseCliArgs, type CliCommand, type CliEnv } from './args.js'
import { UsageError, errorMessage } from './errors.js'
import { printError, processIo, type CliIo } from './io.js'
import { SHORT_USAGE, USAGE } from './usage.js'
import { daemonCommand } from './commands/daemon.js'
import { dhtCommand } from './commands/dht.js'
import { getCommand } from './commands/get.js'
import { lsCommand } from './commands/ls.js'
import { peersCommand } from './commands/peers.js'
import { shareCommand } from './commands/share.js'
import { statusCommand } from './commands/status.js'

/** Runs the CLI for `argv` (without node and script paths); resolves with the exit code. */
export async function runCli (argv: readonly string[], io: CliIo = processIo(), env: CliEnv = process.env): Promise<number> {
  let command: CliCommand
  try {
    command = parseCliArgs(argv, env)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    printError(io, err.message)
    io.stderr.write(`${SHORT_USAGE}\n`)
    return 2
  }

  try {
    return await dispatch(command, io)
  } catch (err) {
    printError(io, errorMessage(err))
    if (/\bpeershare\b/.test(process.env.DEBUG ?? '') && err instanceof Error && err.stack != null) io.stderr.write(`${err.stack}\n`)
    return 1
  }
}

async function dispatch (command: CliCommand, io: CliIo): Promise<number> {
  switch (command.kind) {
    case 'help':
      io.stdout.write(USAGE)
      return 0
    case 'daemon':
      return await daemonCommand(command, io)
    case 'share':
      return await shareCommand(command, io)
    case 'get':
      return await getCommand(command, io)
    case 'ls':
      return await lsCommand(command, io)
    case 'status':
      return await statusCommand(command, io)
    case 'peers':
      return await peersCommand(command, io)
    case 'dht':
      return await dhtCommand(command, io)
  }
}
