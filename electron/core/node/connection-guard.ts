/**
 * Who may hold how many of this node's connections. libp2p caps the total
 * (and the handshakes under way); without more, one peer that opens
 * connections until that cap is reached locks every honest peer out. Here:
 * a few connections per peer, a limit per remote IP address (loopback is
 * exempt: several instances on one machine are one person's), and, once
 * the node is getting full, idle connections that carry no streams are
 * closed, those of the peers holding the most first.
 */
import { isLoopback } from '@libp2p/utils'
import { log } from '../logger.js'
import {
  CONNECTION_PRUNE_INTERVAL, CONNECTION_PRUNE_THRESHOLD, INBOUND_UPGRADE_TIMEOUT, MAX_CONNECTIONS_PER_ADDRESS, MAX_CONNECTIONS_PER_PEER
} from '../defaults.js'
import type { Connection, ConnectionGater, MultiaddrConnection, PeerId, Startable } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

const logger = log('node:guard')

/** What the guard reads from libp2p. */
export interface ConnectionGuardComponents {
  connectionManager: { getConnections(peerId?: PeerId): Connection[] }
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
}

export interface ConnectionGuardInit {
  /** Connections one peer may hold, both directions; default MAX_CONNECTIONS_PER_PEER. */
  maxPerPeer?: number
  /** Inbound connections from one non-loopback IP address; default MAX_CONNECTIONS_PER_ADDRESS. */
  maxPerAddress?: number
  /** Idle connections are closed once there are more connections than this; default CONNECTION_PRUNE_THRESHOLD. */
  pruneThreshold?: number
  /** How often idle connections are looked for, ms; default CONNECTION_PRUNE_INTERVAL. */
  pruneInterval?: number
}

/** The IP address of a network multiaddr, or undefined (relayed, memory). */
function hostOf (ma: Multiaddr): string | undefined {
  const c = ma.getComponents().find(c => c.name === 'ip4' || c.name === 'ip6')
  return c?.value
}

function loopback (ma: Multiaddr): boolean {
  try {
    return isLoopback(ma)
  } catch {
    return false
  }
}

export class ConnectionGuard implements Startable {
  private readonly maxPerPeer: number
  private readonly maxPerAddress: number
  private readonly pruneThreshold: number
  private readonly pruneInterval: number
  private components?: ConnectionGuardComponents
  /** Peers past the encryption check whose connection is not open yet, so a burst of dials is counted too. */
  private readonly upgrading = new Map<string, number>()
  /** Ends the upgrade count of a connection that opened, by its remote address. */
  private readonly pendingDone = new Map<string, () => void>()
  /** Connections seen idle at the last look: closed if still idle at the next one. */
  private idleBefore = new Set<string>()
  private timer?: ReturnType<typeof setInterval>

  constructor (init: ConnectionGuardInit = {}) {
    this.maxPerPeer = init.maxPerPeer ?? MAX_CONNECTIONS_PER_PEER
    this.maxPerAddress = init.maxPerAddress ?? MAX_CONNECTIONS_PER_ADDRESS
    this.pruneThreshold = init.pruneThreshold ?? CONNECTION_PRUNE_THRESHOLD
    this.pruneInterval = init.pruneInterval ?? CONNECTION_PRUNE_INTERVAL
  }

  /** The libp2p service factory: the guard sees the node's connections from its start. */
  readonly service = (components: ConnectionGuardComponents): ConnectionGuard => {
    this.components = components
    return this
  }

  /** The checks for the node's connection gater. */
  readonly gater: Pick<ConnectionGater, 'denyInboundConnection' | 'denyInboundEncryptedConnection'> = {
    denyInboundConnection: maConn => this.denyAddress(maConn),
    denyInboundEncryptedConnection: (peer, maConn) => this.denyPeer(peer, maConn)
  }

  start (): void {
    if (this.timer != null) return
    this.components?.events.addEventListener('connection:open', this.onOpen)
    this.timer = setInterval(() => { this.prune() }, this.pruneInterval)
    this.timer.unref?.()
  }

  stop (): void {
    clearInterval(this.timer)
    this.timer = undefined
    this.components?.events.removeEventListener('connection:open', this.onOpen)
    this.upgrading.clear()
    this.pendingDone.clear()
    this.idleBefore.clear()
  }

  private connections (peer?: PeerId): Connection[] {
    return this.components?.connectionManager.getConnections(peer) ?? []
  }

  private denyAddress (maConn: MultiaddrConnection): boolean {
    const host = hostOf(maConn.remoteAddr)
    if (host == null || loopback(maConn.remoteAddr)) return false
    const fromHost = this.connections().filter(c => c.direction === 'inbound' && hostOf(c.remoteAddr) === host).length
    if (fromHost < this.maxPerAddress) return false
    logger('refused a connection from %s: it holds %d already', host, fromHost)
    return true
  }

  private denyPeer (peer: PeerId, maConn: MultiaddrConnection): boolean {
    const key = peer.toString()
    const held = this.connections(peer).length + (this.upgrading.get(key) ?? 0)
    if (held >= this.maxPerPeer) {
      logger('refused a connection from %s: it holds %d already', key, held)
      return true
    }
    this.upgrading.set(key, (this.upgrading.get(key) ?? 0) + 1)
    // Whichever comes first, the connection opening or the upgrade failing, ends the count.
    const addr = maConn.remoteAddr.toString()
    let counted = true
    const done = (): void => {
      if (!counted) return
      counted = false
      clearTimeout(fallback)
      if (this.pendingDone.get(addr) === done) this.pendingDone.delete(addr)
      const n = (this.upgrading.get(key) ?? 1) - 1
      if (n <= 0) this.upgrading.delete(key)
      else this.upgrading.set(key, n)
    }
    const fallback = setTimeout(done, INBOUND_UPGRADE_TIMEOUT)
    fallback.unref?.()
    maConn.addEventListener('close', done, { once: true })
    this.pendingDone.set(addr, done)
    return false
  }

  private readonly onOpen = (evt: Event): void => {
    const connection = (evt as CustomEvent<Connection>).detail
    const key = connection.remoteAddr.toString()
    this.pendingDone.get(key)?.()
  }

  /** Closes connections idle at two looks in a row once there are too many, those of peers with the most first. */
  private prune (): void {
    const all = this.connections()
    const idleNow = new Set(all.filter(c => c.status === 'open' && c.streams.length === 0).map(c => c.id))
    const before = this.idleBefore
    this.idleBefore = idleNow
    const excess = all.length - this.pruneThreshold
    if (excess <= 0) return
    const perPeer = new Map<string, number>()
    for (const c of all) perPeer.set(c.remotePeer.toString(), (perPeer.get(c.remotePeer.toString()) ?? 0) + 1)
    const victims = all
      .filter(c => idleNow.has(c.id) && before.has(c.id))
      .sort((a, b) => (perPeer.get(b.remotePeer.toString()) ?? 0) - (perPeer.get(a.remotePeer.toString()) ?? 0))
      .slice(0, excess)
    if (victims.length === 0) return
    logger('closing %d idle connections (%d open, threshold %d)', victims.length, all.length, this.pruneThreshold)
    for (const c of victims) void c.close().catch(err => { c.abort(err as Error) })
  }
}
