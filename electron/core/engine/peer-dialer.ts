/**
 * Keeps this node in touch with the peers it is told about: the bootstrap
 * peers from the settings, dialed at start and again while not connected,
 * and peers that discovery (mDNS) finds, dialed when their addresses are
 * ones this node may use. It also knows when this node is isolated: started
 * a while ago, done with its first dials, and connected to nobody, which is
 * when asking the network for a bare root cannot succeed.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { BOOTSTRAP_RETRY, DISCOVERED_DIAL_TIMEOUT, NO_CONNECTIONS_GRACE } from '../defaults.js'
import { log } from '../logger.js'
import type { AddressPolicy } from '../node/address-policy.js'
import type { Libp2p, PeerInfo, Startable } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

const logger = log('engine:dialer')

/** How often settled() looks again, ms. */
const SETTLE_POLL = 100

export interface PeerDialerComponents {
  node: Pick<Libp2p, 'dial' | 'getConnections' | 'addEventListener' | 'removeEventListener'>
  policy: Pick<AddressPolicy, 'filter'>
}

export interface PeerDialerInit {
  /** Bootstrap multiaddrs, each ending in /p2p/<id>. */
  bootstrap: readonly Multiaddr[]
  /** How often unconnected bootstrap peers are dialed again, ms; also each dial's deadline. Default BOOTSTRAP_RETRY (10 s). */
  retry?: number
  /** Deadline for dialing a discovered peer, ms. Default DISCOVERED_DIAL_TIMEOUT (10 s). */
  discoveredTimeout?: number
  /** How long after start a node without connections is still given the benefit of the doubt, ms. Default NO_CONNECTIONS_GRACE (5 s). */
  isolationGrace?: number
}

export class PeerDialer implements Startable {
  private readonly components: PeerDialerComponents
  private readonly bootstrap: readonly Multiaddr[]
  private readonly retry: number
  private readonly discoveredTimeout: number
  private readonly isolationGrace: number
  private timer?: ReturnType<typeof setInterval>
  private controller?: AbortController
  private startedAt = 0
  /** Dials whose outcome could still connect this node: the first bootstrap round and discovered peers. */
  private pending = 0

  constructor (components: PeerDialerComponents, init: PeerDialerInit) {
    this.components = components
    this.bootstrap = init.bootstrap
    this.retry = init.retry ?? BOOTSTRAP_RETRY
    this.discoveredTimeout = init.discoveredTimeout ?? DISCOVERED_DIAL_TIMEOUT
    this.isolationGrace = init.isolationGrace ?? NO_CONNECTIONS_GRACE
  }

  start (): void {
    if (this.timer != null) return
    this.controller = new AbortController()
    this.startedAt = Date.now()
    this.components.node.addEventListener('peer:discovery', this.onDiscovery)
    for (const dial of this.dialBootstrap(this.controller.signal)) this.track(dial)
    const signal = this.controller.signal
    this.timer = setInterval(() => { this.dialBootstrap(signal) }, this.retry)
    this.timer.unref()
  }

  stop (): void {
    clearInterval(this.timer)
    this.timer = undefined
    this.components.node.removeEventListener('peer:discovery', this.onDiscovery)
    this.controller?.abort()
    this.controller = undefined
  }

  /**
   * Whether this node is connected to nobody and has no reason to expect a
   * connection soon: the grace after start is over and no first bootstrap
   * dial or dial of a discovered peer is still under way.
   */
  isolated (): boolean {
    if (this.components.node.getConnections().length > 0) return false
    return this.pending === 0 && Date.now() - this.startedAt >= this.isolationGrace
  }

  /** Waits until the node has a connection or is isolated (see isolated()); resolves with isolated(). */
  async settled (options: { signal: AbortSignal }): Promise<boolean> {
    // Bounded: the grace ends, and every tracked dial has a deadline.
    while (this.components.node.getConnections().length === 0 && !this.isolated()) {
      options.signal.throwIfAborted()
      await delay(SETTLE_POLL, undefined, { signal: options.signal })
    }
    return this.isolated()
  }

  private track (dial: Promise<unknown>): void {
    this.pending++
    void dial.finally(() => { this.pending-- })
  }

  /** Dials every bootstrap peer not connected; returns the dials, which never reject. */
  private dialBootstrap (stopped: AbortSignal): Array<Promise<void>> {
    const connected = new Set(this.components.node.getConnections().map(c => c.remotePeer.toString()))
    const dials: Array<Promise<void>> = []
    for (const ma of this.bootstrap) {
      const id = ma.getComponents().findLast(c => c.name === 'p2p')?.value
      if (id != null && connected.has(id)) continue
      dials.push(this.components.node.dial(ma, { signal: AbortSignal.any([stopped, AbortSignal.timeout(this.retry)]) }).then(() => {}, err => {
        if (!stopped.aborted) logger('bootstrap dial %s failed: %s', ma, (err as Error).message)
      }))
    }
    return dials
  }

  private readonly onDiscovery = (evt: CustomEvent<PeerInfo>): void => {
    this.track(this.dialDiscovered(evt.detail.id.toString(), evt.detail.multiaddrs))
  }

  /** Dials a discovered peer, unless connected already or none of its addresses are usable. */
  private async dialDiscovered (peerId: string, addrs: Multiaddr[]): Promise<void> {
    const stopped = this.controller?.signal
    const { node, policy } = this.components
    if (stopped == null || node.getConnections().some(c => c.remotePeer.toString() === peerId)) return
    const usable = policy.filter(addrs).filter(ma => !ma.toString().includes('/p2p-circuit'))
    if (usable.length === 0) return
    try {
      await node.dial(usable.map(ma => ma.toString().includes('/p2p/') ? ma : ma.encapsulate(`/p2p/${peerId}`)), { signal: AbortSignal.any([stopped, AbortSignal.timeout(this.discoveredTimeout)]) })
    } catch (err) {
      if (!stopped.aborted) logger('dialing discovered peer %s failed: %s', peerId, (err as Error).message)
    }
  }
}
