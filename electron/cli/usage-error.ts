/**
 * How the CLI tells usage mistakes (exit 2, with the usage text) from every
 * other failure (exit 1). Kept apart from errors.ts, which loads the engine,
 * so that parsing arguments and printing help start in milliseconds.
 */

/** The command line itself is wrong: unknown command or option, missing argument, bad value. */
export class UsageError extends Error {
  readonly code = 'bad-request'
  constructor (message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
