/**
 * What the engine needs of libp2p's internals to reach and be reached, as a
 * libp2p service (services are the one place libp2p hands its internal
 * components out): reserving a slot on a relay after start, the addresses
 * still waiting for confirmation (a UPnP mapping), and asking AutoNAT again
 * once such an address appears.
 *
 * Relays are added one at a time after start, never as listen addresses at
 * start: an unreachable relay there would fail the start, and two of them
 * kept createLibp2p from returning (docs/reach.md).
 */
import { isPrivate } from '@libp2p/utils'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { log } from '../logger.js'
import type { AbortOptions, Libp2pEvents, PeerId, Startable, TypedEventTarget } from '@libp2p/interface'
import type { AddressManager, ConnectionManager, TransportManager } from '@libp2p/interface-internal'

const logger = log('reach')

/** The AutoNAT v2 protocol a peer must speak to confirm an address (its dial-request protocol). */
const AUTONAT_V2_PROTOCOL = '/libp2p/autonat/2/dial-request'

export interface ReachControlComponents {
  transportManager: TransportManager
  addressManager: AddressManager
  connectionManager: ConnectionManager
  events: TypedEventTarget<Libp2pEvents>
}

/** Thrown when a relay gives no reservation in time. */
export class RelayReservationError extends Error {
  constructor (relay: string, cause: unknown) {
    super(`No reservation on relay ${relay}: ${(cause as Error)?.message ?? String(cause)}`, { cause })
    this.name = 'RelayReservationError'
  }
}

export class ReachControl implements Startable {
  private readonly components: ReachControlComponents
  private searching = false
  private started = false

  constructor (components: ReachControlComponents) {
    this.components = components
  }

  readonly [Symbol.toStringTag] = '@peershare/reach-control'

  start (): void {
    this.started = true
  }

  stop (): void {
    this.started = false
  }

  /**
   * Reserves a slot on the relay at `relayAddr` (ending in /p2p/<relay>) and
   * listens through it: the node's `<relay>/p2p-circuit` address (and, with
   * WebRTC, its `/webrtc` twin) appear once the relay said yes.
   */
  async reserve (relayAddr: Multiaddr, options: AbortOptions): Promise<void> {
    if (!this.started) return
    const listening = this.components.transportManager.listen([relayAddr.encapsulate('/p2p-circuit')])
    // listen() has no signal of its own; its reservation is bounded inside (a few seconds), this bounds the wait.
    listening.catch(() => {})
    try {
      await raceAbort(listening, options)
    } catch (err) {
      throw new RelayReservationError(relayAddr.toString(), err)
    }
  }

  /**
   * Lets libp2p find relays on the network itself (peers that offer one,
   * met through the DHT) and reserve on one; for the public network, where
   * relays are plentiful and none is configured. Once is enough: libp2p
   * looks again when that reservation ends.
   */
  async searchRelays (): Promise<void> {
    if (!this.started || this.searching) return
    this.searching = true
    await this.components.transportManager.listen([multiaddr('/p2p-circuit')]).catch(err => {
      this.searching = false
      logger('looking for relays on the network failed: %s', (err as Error).message)
    })
  }

  /** Public addresses that wait for confirmation (a UPnP mapping, an observed address). */
  unconfirmedPublicAddrs (): Multiaddr[] {
    return this.components.addressManager.getAddressesWithMetadata()
      .filter(a => !a.verified && (a.type === 'ip-mapping' || a.type === 'observed') && !isPrivate(a.multiaddr))
      .map(a => a.multiaddr)
  }

  /** Whether a UPnP (or NAT-PMP) mapping exists, confirmed or not. */
  hasPortMapping (): boolean {
    return this.components.addressManager.getAddressesWithMetadata().some(a => a.type === 'ip-mapping')
  }

  /**
   * Asks AutoNAT to check this node's addresses again: it does so whenever a
   * connection to an AutoNAT server opens, so a fresh connection to one that
   * is connected already (a bootstrap or relay node) is opened, and closed
   * once the check had time. Resolves false when no AutoNAT server is
   * connected.
   */
  async reverify (servers: readonly PeerId[], options: AbortOptions & { holdMs: number }): Promise<boolean> {
    for (const peer of servers) {
      try {
        const connection = await this.components.connectionManager.openConnection(peer, { ...options, force: true })
        const timer = setTimeout(() => { connection.close().catch(() => {}) }, options.holdMs)
        timer.unref()
        return true
      } catch (err) {
        logger('asking %p to confirm our addresses failed: %s', peer, (err as Error).message)
      }
    }
    return false
  }

  /** The AutoNAT protocol id the engine looks for in a peer's protocols. */
  static readonly autonatProtocol = AUTONAT_V2_PROTOCOL
}

/** The reach-control service factory for libp2p's `services`. */
export function reachControl (): (components: ReachControlComponents) => ReachControl {
  return components => new ReachControl(components)
}

async function raceAbort<T> (promise: Promise<T>, options: AbortOptions): Promise<T> {
  const signal = options.signal
  if (signal == null) return await promise
  signal.throwIfAborted()
  return await new Promise<T>((resolve, reject) => {
    const onAbort = (): void => { reject(signal.reason) }
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => { signal.removeEventListener('abort', onAbort) })
  })
}
