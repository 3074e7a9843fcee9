/**
 * Named errors of the lab, each with a message that says what to do next.
 * They become `{ code, message }` only at the lab's HTTP edge and in the CLI.
 */
import type { ErrorCode } from '../../shared/index.js'

/** Base class: carries the contract's error code for the HTTP edge. */
export class LabError extends Error {
  readonly code: ErrorCode
  constructor (code: ErrorCode, message: string) {
    super(message)
    this.code = code
    this.name = 'LabError'
  }
}

/** A lab name that cannot be a folder name. */
export class InvalidLabNameError extends LabError {
  constructor (name: string) {
    super('bad-request', `"${name}" is not a lab name: use letters, digits, "-" and "_" (at most 40).`)
    this.name = 'InvalidLabNameError'
  }
}

/** `lab up --name X` while a lab X runs. */
export class LabAlreadyRunningError extends LabError {
  constructor (name: string, pid: number) {
    super('bad-request', `A lab named "${name}" is already running (pid ${pid}); stop it with \`peershare lab down ${name}\` or pick another --name.`)
    this.name = 'LabAlreadyRunningError'
  }
}

/** No lab of that name under the lab root. */
export class LabNotFoundError extends LabError {
  constructor (name: string, root: string) {
    super('not-found', `No lab named "${name}" under ${root}; \`peershare lab ls\` lists them.`)
    this.name = 'LabNotFoundError'
  }
}

/** The lab exists but its supervisor does not answer. */
export class LabNotRunningError extends LabError {
  constructor (name: string) {
    super('not-found', `The lab "${name}" is not running; start one with \`peershare lab up N --name ${name}\`.`)
    this.name = 'LabNotRunningError'
  }
}

/** A command named an instance the lab does not have. */
export class UnknownInstanceError extends LabError {
  constructor (node: string, names: readonly string[]) {
    super('not-found', `The lab has no instance "${node}" (it has ${names.length > 0 ? `${names[0]}…${names[names.length - 1]}` : 'none'}).`)
    this.name = 'UnknownInstanceError'
  }
}

/** An action that this lab's mode cannot do (e.g. kill -9 of an engine inside the lab's own process). */
export class UnsupportedInLabModeError extends LabError {
  constructor (what: string, mode: string) {
    super('bad-request', `Not in a lab of mode "${mode}": ${what}. Start a lab of real processes (without --in-process) for it.`)
    this.name = 'UnsupportedInLabModeError'
  }
}

/** An instance's daemon did not come up. */
export class InstanceStartError extends LabError {
  constructor (node: string, reason: string) {
    super('internal', `Instance ${node} did not start: ${reason}`)
    this.name = 'InstanceStartError'
  }
}

/** A scenario file that cannot be run as written. */
export class ScenarioError extends LabError {
  constructor (message: string) {
    super('bad-request', message)
    this.name = 'ScenarioError'
  }
}
