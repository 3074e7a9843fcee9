/**
 * Decides whether an IPC message may be acted on: it must come from the
 * main frame (not an iframe) of PeerShare's own window, and that frame must
 * show a page of our own origin (`app://peershare/`). Every channel the
 * binding registers asks this first, as GitHub Desktop's
 * trusted-ipc-sender.ts does, so a frame that somehow got another origin
 * (or a second webContents) cannot drive the engine.
 *
 * Written against the few fields it reads, so the checks run under Node.
 */
import { isAppUrl } from './app-origin.js'

/** The parts of Electron's WebFrameMain the check reads. */
export interface FrameLike {
  readonly url: string
  readonly parent: FrameLike | null
  readonly processId: number
  readonly routingId: number
}

/** The parts of Electron's WebContents the check reads. */
export interface SenderLike {
  readonly id: number
  readonly mainFrame: FrameLike
}

/** The parts of an IpcMainEvent / IpcMainInvokeEvent the check reads. */
export interface IpcEventLike {
  readonly sender: SenderLike
  /** Null when the frame has navigated away or been destroyed since it sent. */
  readonly senderFrame: FrameLike | null
}

/** The verdict, with a reason worth logging when it is a refusal. */
export type SenderVerdict =
  | { readonly trusted: true }
  | { readonly trusted: false, readonly reason: string }

/**
 * Checks one message against the window we trust (null when there is no
 * window, in which case nothing is trusted).
 */
export function checkSender (event: IpcEventLike, trustedContents: SenderLike | null): SenderVerdict {
  if (trustedContents == null) return { trusted: false, reason: 'there is no PeerShare window' }
  if (event.sender == null || event.sender.id !== trustedContents.id) {
    return { trusted: false, reason: `it came from webContents ${String(event.sender?.id)}, not PeerShare's window` }
  }
  const frame = event.senderFrame
  if (frame == null) return { trusted: false, reason: 'the sending frame is gone' }
  const main = trustedContents.mainFrame
  if (frame.parent != null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
    return { trusted: false, reason: 'it came from a subframe, not the main frame' }
  }
  if (!isAppUrl(frame.url)) {
    return { trusted: false, reason: `the sending page ${describeUrl(frame.url)} is not PeerShare's own` }
  }
  return { trusted: true }
}

/** A URL shortened for a log line: scheme and host only, never a query that may hold a secret. */
function describeUrl (url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return '(unparseable URL)'
  }
}
