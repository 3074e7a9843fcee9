/**
 * Captures what PeerShare's namespaced loggers write, so a test can assert
 * that a failure was logged and not swallowed.
 */
import { disable, enable } from '@libp2p/logger'

export interface CapturedLogs {
  /** Lines written so far, namespace included (e.g. "peershare:discovery:error …"). */
  readonly lines: string[]
  /** Stops capturing and restores the logging the process had. */
  restore(): void
}

/** Enables `namespaces` and captures their lines until restore(). */
export function captureLogs (namespaces = 'peershare:*'): CapturedLogs {
  const lines: string[] = []
  const write = process.stderr.write
  enable(namespaces)
  process.stderr.write = ((chunk: string | Uint8Array) => {
    lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    return true
  }) as typeof process.stderr.write
  return {
    lines,
    restore: () => {
      process.stderr.write = write
      disable()
      if (process.env.DEBUG != null) enable(process.env.DEBUG)
    }
  }
}
