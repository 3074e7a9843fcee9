/**
 * Which path a connection takes, from what libp2p says about it. libp2p
 * marks a connection through a circuit relay `direct: false`, with or
 * without limits (a relay that lifted its limits gives none). A WebRTC
 * connection is direct although its address still names the relay that
 * carried its signalling: that is a hole punch. Anything else is classed by
 * the remote IP: loopback, a private range (LAN), else a public address or
 * a port a router forwards (direct).
 */
import { isLoopback, isPrivate } from '@libp2p/utils'
import { CODE_P2P, CODE_P2P_CIRCUIT, type Multiaddr } from '@multiformats/multiaddr'
import type { ConnectionPath, ConnectionTransport } from '../../../shared/index.js'
import type { Connection } from '@libp2p/interface'

/** A connection's path, its transport and, when relayed, the relay. */
export interface PathInfo {
  readonly path: ConnectionPath
  readonly transport: ConnectionTransport
  /** The relay's PeerId when the path is 'relayed'. */
  readonly relay?: string
}

/** The path of a connection to `remoteAddr`; `direct` is libp2p's flag (false through a relay). */
export function pathOf (remoteAddr: Multiaddr, direct: boolean): PathInfo {
  const names = remoteAddr.getComponents().map(c => c.name)
  if (!direct) return { path: 'relayed', transport: 'circuit-relay', relay: relayOf(remoteAddr) }
  if (names.includes('webrtc')) return { path: 'holepunched', transport: 'webrtc' }
  return { path: ipPath(remoteAddr), transport: transportOf(names) }
}

/** The path of an open libp2p connection. */
export function connectionPath (c: Pick<Connection, 'remoteAddr' | 'direct'>): PathInfo {
  return pathOf(c.remoteAddr, c.direct)
}

/** The PeerId of the relay in a circuit address (`…/p2p/<relay>/p2p-circuit/…`), if it names one. */
export function relayOf (addr: Multiaddr): string | undefined {
  const components = addr.getComponents()
  const circuit = components.findIndex(c => c.code === CODE_P2P_CIRCUIT)
  if (circuit < 1) return undefined
  const before = components[circuit - 1]
  return before.code === CODE_P2P ? before.value : undefined
}

/** Paths best first: what a transfer prefers when a peer has several connections. */
export const PATH_RANK: Readonly<Record<ConnectionPath, number>> = { loopback: 0, lan: 1, direct: 2, holepunched: 3, relayed: 4 }

function ipPath (addr: Multiaddr): ConnectionPath {
  try {
    if (isLoopback(addr)) return 'loopback'
    if (isPrivate(addr)) return 'lan'
  } catch {}
  return 'direct'
}

function transportOf (names: readonly string[]): ConnectionTransport {
  if (names.includes('ws') || names.includes('wss') || names.includes('tls')) return 'websockets'
  if (names.includes('tcp')) return 'tcp'
  return 'other'
}
