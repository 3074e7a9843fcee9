/**
 * Keeps this node reachable through relays while it is behind a NAT: it
 * reserves a slot on up to MAX_RELAYS relays, one at a time, the configured
 * ones first (the relays setting, then bootstrap peers: a `peershare relay`
 * node is both), then peers met on the network that offer a relay; on the
 * public network it also lets libp2p search the DHT for relays. A relay
 * that says no, or cannot be dialed, is asked again after RELAY_RETRY; a
 * reservation lost (the relay went away) is replaced at the next look.
 * The `<relay>/p2p-circuit` addresses that follow go into links and DHT
 * records like any other address.
 */
import { MAX_RELAYS, RELAY_CHECK_INTERVAL, RELAY_RESERVE_TIMEOUT, RELAY_RETRY } from '../defaults.js'
import { log } from '../logger.js'
import { classifyAddress } from '../node/address-policy.js'
import { relayOf } from '../node/connection-path.js'
import type { PeerShareNode } from '../node/create-node.js'
import type { ReachControl } from '../node/reach-control.js'
import type { IdentifyResult, Startable } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

const logger = log('reach:relays')

/** The circuit relay v2 protocol a relay speaks. */
const HOP_PROTOCOL = '/libp2p/circuit/relay/0.2.0/hop'

export interface RelayKeeperComponents {
  node: Pick<PeerShareNode, 'getMultiaddrs' | 'peerId' | 'addEventListener' | 'removeEventListener'>
  reach: Pick<ReachControl, 'reserve' | 'searchRelays'>
  /** Whether this node needs relays now (it is behind a NAT). */
  needsRelays(): boolean
}

export interface RelayKeeperInit {
  /** Relay addresses to try first, in order, each ending in /p2p/<relay>. */
  configured: readonly Multiaddr[]
  /** Also let libp2p search the network for relays (the public network). Default false. */
  searchNetwork?: boolean
  /** Reservations to keep. Default MAX_RELAYS. */
  max?: number
  /** How often to look, ms. Default RELAY_CHECK_INTERVAL. */
  interval?: number
}

export class RelayKeeper implements Startable {
  private readonly components: RelayKeeperComponents
  private readonly init: RelayKeeperInit
  private readonly max: number
  /** Relays met on the network that offer a relay, by PeerId, with an address to reach them. */
  private readonly found = new Map<string, Multiaddr>()
  /** When each relay last failed to give a reservation. */
  private readonly failedAt = new Map<string, number>()
  private timer?: ReturnType<typeof setInterval>
  private controller?: AbortController
  private busy = false

  constructor (components: RelayKeeperComponents, init: RelayKeeperInit) {
    this.components = components
    this.init = init
    this.max = init.max ?? MAX_RELAYS
  }

  start (): void {
    if (this.timer != null) return
    this.controller = new AbortController()
    this.components.node.addEventListener('peer:identify', this.onIdentify)
    this.timer = setInterval(() => { void this.look() }, this.init.interval ?? RELAY_CHECK_INTERVAL)
    this.timer.unref()
  }

  stop (): void {
    clearInterval(this.timer)
    this.timer = undefined
    this.components.node.removeEventListener('peer:identify', this.onIdentify)
    this.controller?.abort()
  }

  /** PeerIds of the relays holding a reservation for this node. */
  reserved (): Set<string> {
    const out = new Set<string>()
    for (const ma of this.components.node.getMultiaddrs()) {
      const relay = classifyAddress(ma) === 'relayed' ? relayOf(ma) : undefined
      if (relay != null) out.add(relay)
    }
    return out
  }

  /** Reserves on the next relay that may say yes, if this node needs more; one at a time. */
  async look (): Promise<void> {
    const signal = this.controller?.signal
    if (this.busy || signal == null || signal.aborted || !this.components.needsRelays()) return
    this.busy = true
    try {
      const reserved = this.reserved()
      if (reserved.size >= this.max) return
      const next = this.candidates().find(c => !reserved.has(c.id) && !this.resting(c.id))
      if (next != null) {
        await this.reserve(next.id, next.addr, signal)
      } else if (reserved.size === 0 && this.init.searchNetwork === true) {
        await this.components.reach.searchRelays()
      }
    } finally {
      this.busy = false
    }
  }

  private async reserve (id: string, addr: Multiaddr, stopped: AbortSignal): Promise<void> {
    try {
      logger('reserving a slot on relay %s', addr)
      await this.components.reach.reserve(addr, { signal: AbortSignal.any([stopped, AbortSignal.timeout(RELAY_RESERVE_TIMEOUT)]) })
      this.failedAt.delete(id)
      logger('reserved a slot on relay %s', id)
    } catch (err) {
      this.failedAt.set(id, Date.now())
      if (!stopped.aborted) logger('relay %s gave no reservation: %s', id, (err as Error).message)
    }
  }

  /** Configured relays first, then relays met on the network. */
  private candidates (): Array<{ id: string, addr: Multiaddr }> {
    const self = this.components.node.peerId.toString()
    const out: Array<{ id: string, addr: Multiaddr }> = []
    for (const addr of this.init.configured) {
      const id = addr.getComponents().findLast(c => c.name === 'p2p')?.value
      if (id != null && id !== self && !out.some(c => c.id === id)) out.push({ id, addr })
    }
    for (const [id, addr] of this.found) if (!out.some(c => c.id === id)) out.push({ id, addr })
    return out
  }

  private resting (id: string): boolean {
    const at = this.failedAt.get(id)
    return at != null && Date.now() - at < RELAY_RETRY
  }

  /** A peer that offers a relay and has a public address joins the candidates. */
  private readonly onIdentify = (evt: CustomEvent<IdentifyResult>): void => {
    const { peerId, protocols, listenAddrs } = evt.detail
    if (!protocols.includes(HOP_PROTOCOL)) return
    const addr = listenAddrs.find(ma => classifyAddress(ma) === 'direct')
    if (addr == null) return
    const key = peerId.toString()
    const withId = addr.getComponents().some(c => c.name === 'p2p') ? addr : addr.encapsulate(`/p2p/${key}`)
    if (!this.found.has(key) && this.found.size < 64) this.found.set(key, withId)
    // A relay met now is worth trying at once rather than at the next look.
    void this.look()
  }
}
