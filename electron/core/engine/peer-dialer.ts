/**
 * Keeps this node in touch with the peers it is told about: the bootstrap
 * peers from the settings, dialed at start and again while not connected,
 * and peers that discovery (mDNS) finds, dialed when their addresses are
 * ones this node may use.
 */
import { BOOTSTRAP_RETRY, DISCOVERED_DIAL_TIMEOUT } from '../defaults.js'
import { log } from '../logger.js'
import type { AddressPolicy } from '../node/address-policy.js'
import type { Libp2p, PeerInfo, Startable } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

const logger = log('engine:dialer')

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
}

export class PeerDialer implements Startable {
  private readonly components: PeerDialerComponents
  private readonly bootstrap: readonly Multiaddr[]
  private readonly retry: number
  private readonly discoveredTimeout: number
  private timer?: ReturnType<typeof setInterval>
  private controller?: AbortController

  constructor (components: PeerDialerComponents, init: PeerDialerInit) {
    this.components = components
    this.bootstrap = init.bootstrap
    this.retry = init.retry ?? BOOTSTRAP_RETRY
    this.discoveredTimeout = init.discoveredTimeout ?? DISCOVERED_DIAL_TIMEOUT
  }

  start (): void {
    if (this.timer != null) return
    this.controller = new AbortController()
    this.components.node.addEventListener('peer:discovery', this.onDiscovery)
    this.dialBootstrap(this.controller.signal)
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

  private dialBootstrap (stopped: AbortSignal): void {
    const connected = new Set(this.components.node.getConnections().map(c => c.remotePeer.toString()))
    for (const ma of this.bootstrap) {
      const id = ma.getComponents().findLast(c => c.name === 'p2p')?.value
      if (id != null && connected.has(id)) continue
      this.components.node.dial(ma, { signal: AbortSignal.any([stopped, AbortSignal.timeout(this.retry)]) }).catch(err => {
        if (!stopped.aborted) logger('bootstrap dial %s failed: %s', ma, (err as Error).message)
      })
    }
  }

  private readonly onDiscovery = (evt: CustomEvent<PeerInfo>): void => {
    void this.dialDiscovered(evt.detail.id.toString(), evt.detail.multiaddrs)
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
