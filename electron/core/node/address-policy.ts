/**
 * Which addresses PeerShare keeps, dials and hands out. kad-dht's default
 * mapper drops loopback and LAN addresses, which would leave a LAN or a
 * single-machine swarm with an empty DHT; this policy keeps them, and instead
 * refuses to dial a remote peer's loopback address unless this node itself is
 * reachable only on loopback (several instances on one machine), or a person
 * gave that address: a bootstrap address, or one a pasted link carries. On
 * the public network it is the other way round: no loopback or LAN address
 * is published or kept, since strangers can do nothing with them but learn
 * about the network behind a router.
 */
import { isLoopback, isPrivate } from '@libp2p/utils'
import type { PeerInfo } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

export type AddressClass = 'loopback' | 'lan' | 'direct' | 'relayed'

/** Classifies an address by how it reaches the peer. */
export function classifyAddress (ma: Multiaddr): AddressClass {
  const s = ma.toString()
  if (s.includes('/p2p-circuit')) return 'relayed'
  try {
    if (isLoopback(ma)) return 'loopback'
    if (isPrivate(ma)) return 'lan'
  } catch {}
  return 'direct'
}

/**
 * Whether a node with these own addresses listens on this computer only:
 * every address but its relayed ones is loopback. A reservation on a relay
 * says nothing of where the node itself listens (a lab's instances reserve
 * on the lab's relay and stay on loopback).
 */
export function listensOnLoopbackOnly (own: readonly Multiaddr[]): boolean {
  const listening = own.filter(ma => classifyAddress(ma) !== 'relayed')
  return listening.length > 0 && listening.every(ma => classifyAddress(ma) === 'loopback')
}

const RANK: Record<AddressClass, number> = { direct: 0, lan: 1, relayed: 2, loopback: 3 }

/** Orders addresses best-first for links: public, then LAN, then relayed, then loopback. */
export function rankAddresses (addrs: readonly Multiaddr[]): Multiaddr[] {
  return [...addrs].sort((a, b) => RANK[classifyAddress(a)] - RANK[classifyAddress(b)])
}

/** Link addresses remembered as given by a person, at most; the oldest are forgotten first. */
export const MAX_LINKED_ADDRESSES = 256

export interface AddressPolicyInit {
  /** The public network: publish and keep only public and relayed addresses. Default false. */
  publicOnly?: boolean
}

/** Decides whether loopback addresses of other peers may be dialed. */
export class AddressPolicy {
  private loopbackOnly = false
  private readonly explicit = new Set<string>()
  /** Addresses from links a person pasted, oldest first (a Set keeps insertion order). */
  private readonly linked = new Set<string>()
  readonly publicOnly: boolean

  constructor (init: AddressPolicyInit = {}) {
    this.publicOnly = init.publicOnly ?? false
  }

  /** Addresses the person configured (bootstrap peers) are always dialable. */
  allow (addrs: readonly Multiaddr[]): void {
    for (const ma of addrs) this.explicit.add(ma.decapsulateCode(421).toString())
  }

  /**
   * Addresses a link carries are the person's intent: they are dialable too,
   * loopback or not. Only the most recent MAX_LINKED_ADDRESSES are kept, so a
   * long-running node's list stays bounded.
   */
  allowLinked (addrs: readonly Multiaddr[]): void {
    for (const ma of addrs) {
      const key = ma.decapsulateCode(421).toString()
      this.linked.delete(key)
      this.linked.add(key)
    }
    for (const key of this.linked) {
      if (this.linked.size <= MAX_LINKED_ADDRESSES) break
      this.linked.delete(key)
    }
  }

  /** Called with this node's own addresses whenever they change. */
  updateOwnAddresses (own: readonly Multiaddr[]): void {
    this.loopbackOnly = listensOnLoopbackOnly(own)
  }

  /** For the connection gater: true to refuse a dial. */
  denyDial (ma: Multiaddr): boolean {
    if (classifyAddress(ma) !== 'loopback' || this.loopbackOnly) return false
    const key = ma.decapsulateCode(421).toString()
    return !this.explicit.has(key) && !this.linked.has(key)
  }

  /** Keeps only the addresses this node would dial (DHT peer info, mDNS, links). */
  filter (addrs: readonly Multiaddr[]): Multiaddr[] {
    return addrs.filter(ma => !this.denyDial(ma) && this.publishable(ma))
  }

  /** Whether an address may be told to others (on the public network: no loopback or LAN address). */
  publishable (ma: Multiaddr): boolean {
    if (!this.publicOnly) return true
    const c = classifyAddress(ma)
    return c === 'direct' || c === 'relayed'
  }

  /** libp2p's announceFilter: this node's own addresses as it tells them to others. */
  readonly announceFilter = (addrs: Multiaddr[]): Multiaddr[] => addrs.filter(ma => this.publishable(ma))

  /** kad-dht peerInfoMapper: keep LAN and (when allowed) loopback addresses. */
  readonly mapPeerInfo = (peer: PeerInfo): PeerInfo => ({ ...peer, multiaddrs: this.filter(peer.multiaddrs) })
}
