/**
 * Named errors of the Electron host. Each becomes `{ code, message }` only
 * at the IPC edge, and its message says what a person can do about it.
 */
import { PeerShareApiError, type ErrorCode } from '../../shared/index.js'

/** An IPC message came from somewhere other than the main frame of our own window. */
export class UntrustedSenderError extends PeerShareApiError {
  constructor (channel: string, reason: string) {
    super({ code: 'unauthorized', message: `Refused "${channel}": ${reason}. Only PeerShare's own window may call the app.` })
    this.name = 'UntrustedSenderError'
  }
}

/** A desktop request whose arguments have the wrong shape. */
export class BadDesktopRequestError extends PeerShareApiError {
  constructor (message: string) {
    super({ code: 'bad-request', message })
    this.name = 'BadDesktopRequestError'
  }
}

/** The command line of the desktop app could not be understood. */
export class DesktopUsageError extends Error {
  readonly code: ErrorCode = 'bad-request'
  constructor (message: string) {
    super(`${message} Usage: PeerShare [--profile DIR] [--listen MA]... [--bootstrap MA]... [--no-mdns] [--network NAME] [peershare://link]`)
    this.name = 'DesktopUsageError'
  }
}
