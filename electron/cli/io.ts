/**
 * Where the CLI writes: results on stdout (one JSON line with --json),
 * messages and progress on stderr. Passed in, so commands can be run with
 * captured streams.
 */

/** A writable text stream, as much of it as the CLI uses. */
export interface TextOut {
  write(text: string): unknown
  readonly isTTY?: boolean
  readonly columns?: number
}

/** The CLI's streams. */
export interface CliIo {
  readonly stdout: TextOut
  readonly stderr: TextOut
}

/** The process's own streams. */
export function processIo (): CliIo {
  return { stdout: process.stdout, stderr: process.stderr }
}

/** Writes one line to stdout. */
export function printLine (io: CliIo, line = ''): void {
  io.stdout.write(`${line}\n`)
}

/** Writes a value as exactly one JSON line to stdout. */
export function printJson (io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`)
}

/** Writes a `peershare: ` prefixed line to stderr. */
export function printError (io: CliIo, message: string): void {
  io.stderr.write(`peershare: ${message}\n`)
}

/** Writes an informational line to stderr, keeping stdout for results. */
export function printNote (io: CliIo, message: string): void {
  io.stderr.write(`${message}\n`)
}
