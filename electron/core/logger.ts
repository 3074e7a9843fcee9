/**
 * Namespaced loggers (`peershare:transfer`, `peershare:dht`, …), enabled with
 * DEBUG=peershare:* like libp2p's own.
 */
import { logger, type Logger } from '@libp2p/logger'

export type { Logger }

/** A logger for one concern of the engine. */
export function log (concern: string): Logger {
  return logger(`peershare:${concern}`)
}
