/**
 * How transfers and lookups open PeerShare's streams: on the best open
 * connection to the peer (loopback, LAN, direct, hole-punched, then
 * relayed), with relayed connections allowed (PeerShare's protocols run on
 * them), and chunk data held back while an upgrade of a relayed connection
 * to a direct one is under way, so it moves on the direct path from the
 * first byte. A peer whose relay cut the connection at its limit is reached
 * through another relay it reserved on, if any; when nothing is left, the
 * error says in words why the peer cannot be reached (`explain`).
 */
import type { Multiaddr } from '@multiformats/multiaddr'
import { UPGRADE_WAIT } from '../defaults.js'
import { BehindNatNoRelayError, RelayLimitedError, SharerOfflineError, type PeerShareError } from '../errors.js'
import { classifyAddress } from '../node/address-policy.js'
import { connectionPath, PATH_RANK, relayOf, type PathInfo } from '../node/connection-path.js'
import { PROTOCOL_CHUNK, PROTOCOL_HAVE } from '../protocol/constants.js'
import { formatBytes } from '../../../shared/index.js'
import type { DirectUpgrade } from './direct-upgrade.js'
import type { Dialer } from '../protocol/client.js'
import type { AbortOptions, Connection, Libp2p, PeerId, Stream } from '@libp2p/interface'

export interface PathDialerComponents {
  node: Pick<Libp2p, 'dial' | 'getConnections' | 'peerStore'>
  /** Absent on a node without reach parts (loopback only): every connection is then direct. */
  upgrade?: Pick<DirectUpgrade, 'settled' | 'cuts' | 'failure' | 'hasDirect' | 'carriesData'>
  /** Whether this node has a relay (configured or reserved on): decides how a NATed sharer's silence is worded. */
  hasRelays(): boolean
}

export interface PathDialerInit {
  /** How long chunk data waits for an upgrade under way, ms. Default UPGRADE_WAIT. */
  upgradeWait?: number
}

export class PathDialer implements Dialer {
  private readonly components: PathDialerComponents
  private readonly upgradeWait: number

  constructor (components: PathDialerComponents, init: PathDialerInit = {}) {
    this.components = components
    this.upgradeWait = init.upgradeWait ?? UPGRADE_WAIT
  }

  async dialProtocol (peer: PeerId, protocols: string | string[], options: AbortOptions & { negotiateFully?: boolean } = {}): Promise<Stream> {
    const wanted = Array.isArray(protocols) ? protocols : [protocols]
    const data = wanted.includes(PROTOCOL_CHUNK)
    let conn = this.best(peer) ?? await this.connect(peer, options)
    if (data && !conn.direct && this.components.upgrade != null) {
      await this.components.upgrade.settled(peer, { signal: AbortSignal.any([AbortSignal.timeout(this.upgradeWait), ...options.signal == null ? [] : [options.signal]]) })
      conn = this.best(peer) ?? conn
    }
    // A download (which asks what a peer has, then for chunks) does not go back to a relay that cut its data.
    if ((data || wanted.includes(PROTOCOL_HAVE)) && conn.limits != null) {
      const relay = connectionPath(conn).relay
      if (relay != null && this.components.upgrade?.cuts(peer.toString()).some(c => c.relay === relay) === true) {
        throw this.relayLimited(peer) ?? new Error(`relay ${relay} cut the data to ${peer.toString()}`)
      }
    }
    if (data) this.components.upgrade?.carriesData(conn)
    return await conn.newStream(protocols, { ...options, runOnLimitedConnection: true })
  }

  /** The path of the best open connection to `peer`, or undefined when there is none. */
  pathOf (peer: string): PathInfo | undefined {
    const conn = this.best(peer)
    return conn == null ? undefined : connectionPath(conn)
  }

  /**
   * Why `peer` cannot be reached, in words, when something known says so,
   * or undefined: its relays cut every connection at their limit and no
   * direct path could be made; its relay says it is offline; it gave only
   * private addresses (behind a NAT) and no relay is there to reach it
   * through. `err` is the last error reaching it gave, if any.
   */
  async explain (peer: PeerId, err?: unknown): Promise<PeerShareError | undefined> {
    const known = this.relayLimited(peer)
    if (known != null) return known
    if (err == null) return undefined
    if (mentions(err, 'NO_RESERVATION')) return new SharerOfflineError(peer.toString(), relayIn(err))
    const addrs = await this.knownAddrs(peer)
    if (addrs.length > 0 && addrs.every(ma => { const c = classifyAddress(ma); return c === 'lan' || c === 'loopback' }) && !this.components.hasRelays()) {
      return new BehindNatNoRelayError(peer.toString(), addrs.map(String))
    }
    return undefined
  }

  /** The peer's relays cut every connection at their limit and it has no direct connection. */
  private relayLimited (peer: PeerId): RelayLimitedError | undefined {
    const key = peer.toString()
    const upgrade = this.components.upgrade
    const cut = upgrade?.cuts(key)[0]
    if (cut == null || upgrade?.hasDirect(key) !== false) return undefined
    return new RelayLimitedError(key, cut.relay, cut.limitBytes == null ? 'a short time' : `${formatBytes(cut.limitBytes)} (and 2 minutes)`)
  }

  /** The open connection to `peer` on the best path, if any. */
  private best (peer: PeerId | string): Connection | undefined {
    const key = peer.toString()
    return this.components.node.getConnections()
      .filter(c => c.remotePeer.toString() === key && c.status === 'open')
      .sort((a, b) => rank(a) - rank(b))[0]
  }

  /**
   * Dials the peer. When a relay cut a connection to it at its limit, the
   * peer is dialed through its other relays (libp2p would pick the one that
   * cut it again); with none left, the error says why. A dial by PeerId that
   * fails is tried once more through the peer's relays: libp2p joins a dial
   * already under way to the same peer (one that discovery started with the
   * peer's LAN addresses only, say) and takes its failure as its own.
   */
  private async connect (peer: PeerId, options: AbortOptions): Promise<Connection> {
    const cut = new Set(this.components.upgrade?.cuts(peer.toString()).map(c => c.relay) ?? [])
    const throughRelays = async (): Promise<Multiaddr[]> => (await this.knownAddrs(peer)).filter(ma => {
      const relay = relayOf(ma)
      return relay != null && !cut.has(relay) && !ma.toString().includes('/webrtc')
    }).map(ma => withPeer(ma, peer))
    if (cut.size === 0) {
      try {
        return await this.components.node.dial(peer, options)
      } catch (err) {
        const relayed = await throughRelays()
        if (relayed.length === 0 || options.signal?.aborted === true) throw err
        return await this.components.node.dial(relayed, options)
      }
    }
    const others = await throughRelays()
    if (others.length === 0) throw this.relayLimited(peer) ?? new Error(`no route to ${peer.toString()} but through relays that cut it`)
    return await this.components.node.dial(others, options)
  }

  private async knownAddrs (peer: PeerId): Promise<Multiaddr[]> {
    try {
      return (await this.components.node.peerStore.get(peer)).addresses.map(a => a.multiaddr)
    } catch {
      return []
    }
  }
}

/** Lower is better: by path, then an unlimited relayed connection before a limited one. */
function rank (c: Connection): number {
  return PATH_RANK[connectionPath(c).path] * 2 + (c.limits == null ? 0 : 1)
}

function withPeer (ma: Multiaddr, peer: PeerId): Multiaddr {
  const last = ma.getComponents().at(-1)
  return last?.name === 'p2p' && last.value === peer.toString() ? ma : ma.encapsulate(`/p2p/${peer.toString()}`)
}

/** Whether an error, or any error it aggregates or wraps, says `text`. */
function mentions (err: unknown, text: string, depth = 0): boolean {
  if (err == null || depth > 4) return false
  const e = err as { message?: unknown, errors?: unknown[], cause?: unknown }
  if (typeof e.message === 'string' && e.message.includes(text)) return true
  return (Array.isArray(e.errors) && e.errors.some(x => mentions(x, text, depth + 1))) || mentions(e.cause, text, depth + 1)
}

/** The relay named in a dial error's message, if it names one. */
function relayIn (err: unknown): string | undefined {
  const m = /\/p2p\/(\w+)\/p2p-circuit/.exec(String((err as Error)?.message ?? ''))
  return m?.[1]
}
