/**
 * Named errors of the headless host: what can go wrong starting a daemon or
 * reading its profile files, each with a message that says what to do next.
 * What can go wrong reaching one (unreachable, timed out, closed) is the
 * client's, in shared/client-errors.ts.
 */

/** What a Node caller tells a person whose daemon cannot be reached. */
export const UNREACHABLE_HINT = 'Is the daemon still running? Start it with `peershare daemon --profile DIR`.'

/** Another live daemon already runs for the profile. */
export class DaemonAlreadyRunningError extends Error {
  readonly code = 'bad-request'
  constructor (profileDir: string, pid: number) {
    super(`PeerShare already runs for the profile ${profileDir} (pid ${pid}). \`peershare ui --profile ${profileDir} --open\` opens its UI; to start another node, stop that one first or use another --profile.`)
    this.name = 'DaemonAlreadyRunningError'
  }
}

/** The profile's secret file exists but does not hold a secret. */
export class InvalidSecretFileError extends Error {
  readonly code = 'internal'
  constructor (file: string) {
    super(`The API secret file ${file} is damaged (it should hold 64 hex characters). Stop any daemon of this profile, delete the file and start again: a new secret is created.`)
    this.name = 'InvalidSecretFileError'
  }
}
