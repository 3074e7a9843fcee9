/**
 * Moves peers met through a relay onto a direct path. When this node opens
 * a relayed connection, it dials the peer directly at once: a public address
 * the peer has, else the peer's WebRTC address through the same relay, whose
 * signalling (SDP and ICE over the relayed connection, STUN for the public
 * addresses) ends in a UDP flow through both NATs: a hole punch. As soon as
 * the upgrade (or any dial of this node's) gives a direct connection, the
 * relayed ones to that peer are closed with a PathUpgradedError, so what
 * ran on them (a transfer's chunk stream) starts again on the direct one.
 * Only the side that dialed closes them: the other side may see a direct
 * connection that is still being set up, or one that fails a moment later.
 * An upgrade that failed is not tried again for UPGRADE_RETRY.
 *
 * It also remembers what the relays did: a relayed connection with limits
 * that ends aborted was cut by the relay at its limit (the relay says
 * nothing to either end, docs/reach.md), and an upgrade that failed means
 * no direct path could be made. Transfers read both to say in words why a
 * peer cannot be reached.
 */
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { UPGRADE_RETRY, UPGRADE_TIMEOUT } from '../defaults.js'
import { PathUpgradedError } from '../errors.js'
import { log } from '../logger.js'
import { classifyAddress } from '../node/address-policy.js'
import { connectionPath } from '../node/connection-path.js'
import type { AbortOptions, Connection, Libp2p, PeerId, Startable } from '@libp2p/interface'

const logger = log('reach:upgrade')

/** A relay's default duration limit, less a little: a limited connection that lived this long ended at it, ms. */
const DURATION_CUT = 110_000

/** A relay that cut a connection to a peer at its limit. */
export interface RelayCut {
  readonly relay: string
  /** The data the connection could carry when it opened, bytes, if the relay said. */
  readonly limitBytes?: number
  readonly at: number
}

export interface DirectUpgradeComponents {
  node: Pick<Libp2p, 'dial' | 'getConnections' | 'getDialQueue' | 'peerStore' | 'addEventListener' | 'removeEventListener'>
}

export interface DirectUpgradeInit {
  /** Deadline of one upgrade, ms. Default UPGRADE_TIMEOUT. */
  timeout?: number
}

interface PeerState {
  /** The upgrade under way, if any. */
  attempt?: Promise<void>
  /** Why the last upgrade failed, and when, if it did and no direct connection came since. */
  failed?: { readonly reason: string, readonly at: number }
  readonly cuts: Map<string, RelayCut>
}

export class DirectUpgrade implements Startable {
  private readonly components: DirectUpgradeComponents
  private readonly timeout: number
  private readonly peers = new Map<string, PeerState>()
  /** Limits each relayed connection had when it opened. */
  private readonly limitsAtOpen = new WeakMap<Connection, number | undefined>()
  /** Limited relayed connections a transfer's data was sent over. */
  private readonly dataOn = new WeakSet<Connection>()
  /** Relayed connections this node closed itself (not a relay's cut). */
  private readonly closedByUs = new WeakSet<Connection>()
  private controller?: AbortController

  constructor (components: DirectUpgradeComponents, init: DirectUpgradeInit = {}) {
    this.components = components
    this.timeout = init.timeout ?? UPGRADE_TIMEOUT
  }

  start (): void {
    if (this.controller != null) return
    this.controller = new AbortController()
    this.components.node.addEventListener('connection:open', this.onOpen)
    this.components.node.addEventListener('connection:close', this.onClose)
  }

  stop (): void {
    this.components.node.removeEventListener('connection:open', this.onOpen)
    this.components.node.removeEventListener('connection:close', this.onClose)
    this.controller?.abort()
    this.controller = undefined
  }

  /** Waits for an upgrade to `peer` that is under way (bounded by the caller's signal); at once when none is. */
  async settled (peer: PeerId, options: AbortOptions): Promise<void> {
    const attempt = this.peers.get(peer.toString())?.attempt
    if (attempt == null) return
    await new Promise<void>((resolve) => {
      const done = (): void => { options.signal?.removeEventListener('abort', done); resolve() }
      options.signal?.addEventListener('abort', done, { once: true })
      void attempt.finally(done)
    })
  }

  /** A transfer's data goes over this connection (a limited relayed one is then likely to reach its limit). */
  carriesData (c: Connection): void {
    if (c.limits != null) this.dataOn.add(c)
  }

  /** Whether an upgrade to `peer` failed and no direct connection came since, and why. */
  failure (peer: string): string | undefined {
    return this.peers.get(peer)?.failed?.reason
  }

  /** The relays that cut a connection to `peer` at their limit. */
  cuts (peer: string): RelayCut[] {
    return [...this.peers.get(peer)?.cuts.values() ?? []]
  }

  /** Whether `peer` has an open connection that is not through a relay. */
  hasDirect (peer: string): boolean {
    return this.components.node.getConnections().some(c => c.remotePeer.toString() === peer && c.status === 'open' && c.direct)
  }

  private state (peer: string): PeerState {
    let s = this.peers.get(peer)
    if (s == null) this.peers.set(peer, s = { cuts: new Map() })
    return s
  }

  private readonly onOpen = (evt: CustomEvent<Connection>): void => {
    const c = evt.detail
    const peer = c.remotePeer.toString()
    if (connectionPath(c).path === 'relayed') {
      this.limitsAtOpen.set(c, c.limits?.bytes == null ? undefined : Number(c.limits.bytes))
      // The side that dialed upgrades; the other side waits for it.
      if (c.direction === 'outbound' && !this.hasDirect(peer)) this.upgrade(c)
      return
    }
    if (c.direction !== 'outbound') return
    const s = this.peers.get(peer)
    if (s != null) {
      s.failed = undefined
      s.cuts.clear()
    }
    this.closeRelayed(peer)
  }

  private readonly onClose = (evt: CustomEvent<Connection>): void => {
    const c = evt.detail
    if (c.direct || c.limits == null || this.closedByUs.has(c) || c.status !== 'aborted') return
    // A relay ends a limited connection without a word to either end. One that carried a transfer's
    // data (more than a signalling-sized limit allows) or lived as long as relays allow ended at the limit;
    // any other may have ended because the peer or the relay went away.
    if (!this.dataOn.has(c) && Date.now() - c.timeline.open < DURATION_CUT) return
    const { relay } = connectionPath(c)
    if (relay == null) return
    const peer = c.remotePeer.toString()
    logger('relay %s cut the connection to %s at its limit', relay, peer)
    this.state(peer).cuts.set(relay, { relay, limitBytes: this.limitsAtOpen.get(c), at: Date.now() })
  }

  /** Starts an upgrade of the relayed connection `c`, unless one is under way. */
  private upgrade (c: Connection): void {
    const peer = c.remotePeer.toString()
    const s = this.state(peer)
    if (s.attempt != null || (s.failed != null && Date.now() - s.failed.at < UPGRADE_RETRY)) return
    const stopped = this.controller?.signal
    if (stopped == null) return
    s.attempt = this.tryDirect(c, stopped).then(failure => {
      s.failed = failure == null ? undefined : { reason: failure, at: Date.now() }
      if (failure != null && !stopped.aborted) logger('no direct path to %s: %s', peer, failure)
    }).finally(() => { s.attempt = undefined })
  }

  /** Dials every direct way to the peer in turn; resolves undefined once one works, else the reason none did. */
  private async tryDirect (relayed: Connection, stopped: AbortSignal): Promise<string | undefined> {
    const peer = relayed.remotePeer
    const reasons: string[] = []
    // The relayed connection may be the signalling of a WebRTC dial already under way (a link's /webrtc address).
    await this.dialsDone(peer, AbortSignal.any([stopped, AbortSignal.timeout(this.timeout)]))
    for (const addr of await this.directAddrs(relayed)) {
      if (stopped.aborted) return 'stopped'
      if (this.hasDirect(peer.toString())) return undefined
      const started = Date.now()
      try {
        const conn = await this.components.node.dial(addr, { signal: AbortSignal.any([stopped, AbortSignal.timeout(this.timeout)]), force: true })
        logger('%s: %s path in %d ms (%s)', peer, connectionPath(conn).path, Date.now() - started, conn.remoteAddr)
        if (conn.direct && conn.status === 'open') this.closeRelayed(peer.toString())
        return undefined
      } catch (err) {
        reasons.push(`${addr.toString().includes('/webrtc') ? 'WebRTC hole punch' : `dial of ${addr.toString()}`} failed after ${Date.now() - started} ms (${(err as Error).message.split('\n')[0]})`)
      }
    }
    return reasons.length === 0 ? 'the peer has no direct or WebRTC address' : reasons.join('; ')
  }

  /** Resolves once no dial to `peer` is queued or under way (or the signal ends the wait). */
  private async dialsDone (peer: PeerId, signal: AbortSignal): Promise<void> {
    while (!signal.aborted && this.components.node.getDialQueue().some(d => d.peerId?.equals(peer) === true)) {
      await new Promise(resolve => setTimeout(resolve, 200))
    }
  }

  /** The peer's public addresses, then its WebRTC address through the relay it was met on. */
  private async directAddrs (relayed: Connection): Promise<Multiaddr[]> {
    const peer = relayed.remotePeer
    const known = await this.components.node.peerStore.get(peer).then(p => p.addresses.map(a => a.multiaddr), () => [])
    const withPeer = (ma: Multiaddr): Multiaddr => ma.getComponents().some(c => c.name === 'p2p') ? ma : ma.encapsulate(`/p2p/${peer.toString()}`)
    const publicAddrs = known.filter(ma => classifyAddress(ma) === 'direct').map(withPeer)
    const circuit = relayed.remoteAddr.toString()
    const at = circuit.indexOf('/p2p-circuit')
    const webrtc = at === -1 ? [] : [multiaddr(`${circuit.slice(0, at)}/p2p-circuit/webrtc/p2p/${peer.toString()}`)]
    return [...publicAddrs, ...webrtc]
  }

  /** Closes the relayed connections to a peer that now has a direct one; their streams fail with PathUpgradedError. */
  private closeRelayed (peer: string): void {
    for (const c of this.components.node.getConnections()) {
      if (c.remotePeer.toString() !== peer || c.direct || c.status !== 'open') continue
      this.closedByUs.add(c)
      logger('%s: closing the relayed connection %s: a direct one exists', peer, c.remoteAddr)
      c.abort(new PathUpgradedError(peer))
    }
  }
}
