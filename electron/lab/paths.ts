/**
 * Which of a peer's paths the lab shows when two instances hold more than
 * one connection (for a moment during an upgrade, a relayed and a
 * hole-punched one): the best, as transfers prefer it.
 */
import type { ConnectionPath } from '../../shared/index.js'

const RANK: Readonly<Record<ConnectionPath, number>> = { loopback: 0, lan: 1, direct: 2, holepunched: 3, relayed: 4 }

/** The better of two paths. */
export function betterPath (a: ConnectionPath, b: ConnectionPath): ConnectionPath {
  return RANK[b] < RANK[a] ? b : a
}
