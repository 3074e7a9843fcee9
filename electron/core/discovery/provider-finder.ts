/**
 * Finds peers that may serve a root, cheapest first: the addresses a link
 * carries, then peers already connected, then the DHT's provider records
 * (through the kad-dht adapter, so every search is kept as a lookup trace).
 * Addresses learned on the way are added to the peer store so peers can be
 * dialed by id.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { log } from '../logger.js'
import type { AddressPolicy } from '../node/address-policy.js'
import type { KadQueryOptions } from '../node/kad-trace.js'
import type { LookupCause } from '../../../shared/index.js'
import type { AbortOptions, Libp2p, PeerId, PeerInfo } from '@libp2p/interface'
import type { CID } from 'multiformats/cid'

const logger = log('discovery')

export interface ProviderFinderComponents {
  node: Pick<Libp2p, 'peerId' | 'getConnections' | 'peerStore'>
  /** The DHT's provider search (node/kad.ts). */
  dht: { findProviders(root: CID, options: KadQueryOptions): AsyncIterable<PeerInfo> }
  policy: AddressPolicy
  /** Peers in the DHT's routing table; with none there is nobody to ask, and a DHT search ends at once. Default: always search. */
  dhtPeers?(): number
}

/** Options of a DHT search: a deadline, and why it is made (for its trace). */
export interface DhtSearchOptions extends AbortOptions {
  /** Default 'discovery'. */
  cause?: LookupCause
}

/** Where a candidate came from. */
export type CandidateSource = 'link' | 'connected' | 'dht'

export interface Candidate {
  readonly peerId: PeerId
  readonly source: CandidateSource
}

export class ProviderFinder {
  private readonly components: ProviderFinderComponents

  constructor (components: ProviderFinderComponents) {
    this.components = components
  }

  /**
   * Peers from a link's addresses (each must end in /p2p/<id>). A link is
   * what a person pasted, so its addresses are dialed even where this node
   * would not dial an address it merely heard of (a loopback one).
   */
  async fromLink (addrs: readonly string[]): Promise<Candidate[]> {
    const byPeer = new Map<string, Multiaddr[]>()
    for (const s of addrs) {
      try {
        const ma = multiaddr(s)
        const id = ma.getComponents().findLast(c => c.name === 'p2p')?.value
        if (id == null) continue
        byPeer.set(id, [...(byPeer.get(id) ?? []), ma.decapsulateCode(421)])
      } catch (err) {
        logger('ignoring unusable link address %s: %s', s, (err as Error).message)
      }
    }
    const out: Candidate[] = []
    for (const [id, mas] of byPeer) {
      const peerId = peerIdFromString(id)
      if (peerId.equals(this.components.node.peerId)) continue
      this.components.policy.allowLinked(mas)
      const usable = this.components.policy.filter(mas)
      logger('the link reaches %s at %s', id, usable.join(' '))
      if (usable.length > 0) await this.components.node.peerStore.merge(peerId, { multiaddrs: usable })
      out.push({ peerId, source: 'link' })
    }
    return out
  }

  /** Peers with an open connection. */
  connected (): Candidate[] {
    const seen = new Set<string>()
    const out: Candidate[] = []
    for (const c of this.components.node.getConnections()) {
      const id = c.remotePeer.toString()
      if (seen.has(id)) continue
      seen.add(id)
      out.push({ peerId: c.remotePeer, source: 'connected' })
    }
    return out
  }

  /** Providers found through the DHT, as they arrive. */
  async * fromDht (root: CID, options: DhtSearchOptions = {}): AsyncGenerator<Candidate> {
    if (this.components.dhtPeers?.() === 0) return
    const self = this.components.node.peerId
    try {
      for await (const info of abortable(this.components.dht.findProviders(root, { signal: options.signal, cause: options.cause ?? 'discovery' }), options.signal)) {
        if (info.id.equals(self)) continue
        const usable = this.components.policy.filter(info.multiaddrs)
        if (usable.length > 0) await this.components.node.peerStore.merge(info.id, { multiaddrs: usable })
        yield { peerId: info.id, source: 'dht' }
      }
    } catch (err) {
      if (options.signal?.aborted !== true) logger('DHT provider search for %s ended: %s', root, (err as Error).message)
    }
  }
}

/**
 * Iterates until the signal aborts, even when the source is blocked waiting
 * (a DHT query may take a while to notice its signal).
 */
async function * abortable<T> (source: AsyncIterable<T>, signal?: AbortSignal): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]()
  const aborted = new Promise<never>((_resolve, reject) => {
    if (signal == null) return
    const fail = (): void => { reject(signal.reason) }
    if (signal.aborted) fail()
    else signal.addEventListener('abort', fail, { once: true })
  })
  aborted.catch(() => {})
  try {
    while (true) {
      const next = await Promise.race([it.next(), aborted])
      if (next.done === true) return
      yield next.value
    }
  } finally {
    void it.return?.()?.catch?.(() => {})
  }
}
