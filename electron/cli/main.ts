/**
 * Entry point of the `peershare` command (bin/peershare.js imports it):
 * runs the CLI on this process's arguments and exits with its code, even if
 * some library left a timer or socket behind.
 */
import { runCli } from './run.js'

const code = await runCli(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`peershare: ${err instanceof Error ? err.message : String(err)}\n`)
  return 1
})
// Let buffered output reach its pipe before exiting.
process.stdout.write('', () => {
  process.stderr.write('', () => { process.exit(code) })
})
