/**
 * How others can reach this node, kept up to date while it runs, and what
 * follows from it: the DHT answers queries only while the node is publicly
 * reachable (or on a network with no public peers at all: a LAN, one
 * machine), the node offers its small relay only while it is publicly
 * reachable, and a port the router forwards (UPnP) is confirmed by AutoNAT
 * as soon as it exists. `view()` is what the Network view and
 * `peershare status` read (shared/reach.ts words it).
 */
import { AUTONAT_GRACE, NAT_PROBE_INTERVAL, NAT_PROBE_RETRY } from '../defaults.js'
import { log } from '../logger.js'
import { classifyAddress, listensOnLoopbackOnly } from '../node/address-policy.js'
import { relayOf } from '../node/connection-path.js'
import { ReachControl } from '../node/reach-control.js'
import type { KadAdapter } from '../node/kad.js'
import type { PeerShareNode } from '../node/create-node.js'
import type { ReachView, Reachability as ReachabilityKind, RelayReservationView } from '../../../shared/index.js'
import type { NatBehaviour } from '../node/nat-probe.js'
import type { AbortOptions, IdentifyResult, PeerId, Startable } from '@libp2p/interface'

const logger = log('reach')

export interface ReachabilityComponents {
  node: Pick<PeerShareNode, 'getMultiaddrs' | 'getConnections' | 'services' | 'addEventListener' | 'removeEventListener'>
  kad: Pick<KadAdapter, 'setMode'>
  /** Asks STUN servers how the NAT in front of this node maps connections (nat-probe.ts). Default: never asked (unknown). */
  probeNat?(options: AbortOptions): Promise<NatBehaviour>
}

export interface ReachabilityInit {
  /** The STUN servers in use, for the view. */
  stun: readonly string[]
  publicNetwork: boolean
  /** Whether UPnP was asked for. */
  upnp: boolean
  /** How often the state is looked at besides address and connection changes, ms. Default 2 s. */
  tick?: number
  /** How often the NAT is asked about again (a laptop moves between networks), ms. Default NAT_PROBE_INTERVAL. */
  probeInterval?: number
  /** A node that only asks the DHT (a daemonless `get`) stays a client whatever its reachability; default false. */
  dhtClient?: boolean
}

/** The input of `reachabilityOf`: what the node knows about itself. */
export interface ReachFacts {
  readonly publicAddrs: readonly string[]
  readonly relays: readonly RelayReservationView[]
  /** All own addresses are loopback (relayed ones aside: see listensOnLoopbackOnly). */
  readonly loopbackOnly: boolean
  /** Since when a peer on a public address is (or was) connected; undefined if none ever was. */
  readonly publicPeerSince?: number
  readonly nat: ReachView['nat']
}

/** The reachability that follows from the facts, at `now`. */
export function reachabilityOf (f: ReachFacts, now: number, grace = AUTONAT_GRACE): ReachabilityKind {
  if (f.publicAddrs.length > 0) return 'public'
  if (f.loopbackOnly) return 'loopback'
  if (f.relays.length > 0) return f.nat === 'per-flow' ? 'relayed-only' : 'relayed'
  if (f.publicPeerSince == null) return 'lan'
  return now - f.publicPeerSince < grace ? 'unknown' : 'unreachable'
}

/** Whether the DHT should answer queries: only a node others can dial, or any node of a network without public peers. */
export function dhtServes (r: ReachabilityKind): boolean {
  return r === 'public' || r === 'lan' || r === 'loopback' || r === 'unknown'
}

export class Reachability implements Startable {
  private readonly components: ReachabilityComponents
  private readonly init: ReachabilityInit
  private publicPeerSince?: number
  private last?: ReachabilityKind
  private timer?: ReturnType<typeof setInterval>
  private nat: NatBehaviour = 'unknown'
  private probeTimer?: ReturnType<typeof setTimeout>
  private readonly stopped = new AbortController()
  /** The unconfirmed public addresses AutoNAT was last asked about. */
  private askedAbout = ''
  private applying: Promise<void> = Promise.resolve()

  constructor (components: ReachabilityComponents, init: ReachabilityInit) {
    this.components = components
    this.init = init
  }

  start (): void {
    if (this.timer != null) return
    this.components.node.addEventListener('self:peer:update', this.onChange)
    this.components.node.addEventListener('connection:open', this.onChange)
    this.components.node.addEventListener('connection:close', this.onChange)
    this.components.node.addEventListener('peer:identify', this.onIdentify)
    this.components.node.addEventListener('peer:disconnect', this.onDisconnect)
    this.timer = setInterval(this.onChange, this.init.tick ?? 2_000)
    this.timer.unref()
    this.onChange()
    this.scheduleProbe(1_000)
  }

  /** Asks about the NAT after `delay`, then again now and then (sooner while nothing answered). */
  private scheduleProbe (delay: number): void {
    const probe = this.components.probeNat
    if (probe == null || this.stopped.signal.aborted) return
    this.probeTimer = setTimeout(() => {
      void probe({ signal: this.stopped.signal }).then(found => {
        if (found !== this.nat) logger('NAT behaviour: %s', found)
        if (found !== 'unknown' || this.nat === 'unknown') this.nat = found
        this.onChange()
        this.scheduleProbe(found === 'unknown' ? NAT_PROBE_RETRY : this.init.probeInterval ?? NAT_PROBE_INTERVAL)
      }, () => { this.scheduleProbe(NAT_PROBE_RETRY) })
    }, delay)
    this.probeTimer.unref()
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    this.stopped.abort()
    clearTimeout(this.probeTimer)
    this.components.node.removeEventListener('self:peer:update', this.onChange)
    this.components.node.removeEventListener('connection:open', this.onChange)
    this.components.node.removeEventListener('connection:close', this.onChange)
    this.components.node.removeEventListener('peer:identify', this.onIdentify)
    this.components.node.removeEventListener('peer:disconnect', this.onDisconnect)
    await this.applying
  }

  /** The reachability now. */
  get current (): ReachabilityKind {
    return reachabilityOf(this.facts(), Date.now())
  }

  /** The whole view, for the health snapshot. */
  view (): ReachView {
    const facts = this.facts()
    const { relay, reach } = this.components.node.services
    return {
      reachability: reachabilityOf(facts, Date.now()),
      publicAddrs: facts.publicAddrs,
      relays: facts.relays,
      nat: facts.nat,
      upnp: !this.init.upnp || reach == null ? 'off' : reach.hasPortMapping() ? 'mapped' : 'on',
      relayService: { offered: relay?.offered ?? false, reservations: relay?.reservationCount() ?? 0 },
      stun: this.init.stun,
      publicNetwork: this.init.publicNetwork
    }
  }

  private facts (): ReachFacts {
    const addrs = this.components.node.getMultiaddrs()
    const publicAddrs: string[] = []
    const relays: RelayReservationView[] = []
    for (const ma of addrs) {
      const c = classifyAddress(ma)
      const s = ma.toString()
      if (c === 'direct') publicAddrs.push(s)
      // The plain circuit address names the reservation; its /webrtc twin says nothing more.
      if (c === 'relayed' && !s.includes('/webrtc')) {
        const peerId = relayOf(ma)
        if (peerId != null && !relays.some(r => r.peerId === peerId)) relays.push({ peerId, addr: s })
      }
    }
    const nat = publicAddrs.length > 0 && !(this.components.node.services.reach?.hasPortMapping() ?? false)
      ? 'none'
      : this.nat
    return {
      publicAddrs,
      relays,
      loopbackOnly: listensOnLoopbackOnly(addrs),
      publicPeerSince: this.publicPeerSince,
      nat
    }
  }

  private readonly onChange = (): void => {
    if (this.publicPeerSince == null && this.components.node.getConnections().some(c => c.direct && classifyAddress(c.remoteAddr) === 'direct')) {
      this.publicPeerSince = Date.now()
    }
    const now = this.current
    if (now !== this.last) {
      logger('reachability: %s', now)
      this.last = now
      this.applying = this.applying.then(async () => { await this.apply(now) }).catch(err => {
        logger.error('acting on reachability %s failed: %e', now, err)
      })
    }
    this.confirmMappedAddresses()
  }

  /** The DHT's mode and the relay offer follow reachability. */
  private async apply (r: ReachabilityKind): Promise<void> {
    await this.components.kad.setMode(this.init.dhtClient !== true && dhtServes(r) ? 'server' : 'client')
    await this.components.node.services.relay?.offer(r === 'public')
  }

  /**
   * AutoNAT checks addresses when a connection to an AutoNAT server opens;
   * a port mapping made while such a connection was already open would wait
   * for the next one (a minute or more), so one is opened now.
   */
  private confirmMappedAddresses (): void {
    const reach = this.components.node.services.reach
    if (reach == null || !reach.hasPortMapping()) return
    const pending = reach.unconfirmedPublicAddrs().map(String).sort().join(' ')
    if (pending === '' || pending === this.askedAbout) return
    const servers = this.autonatServers()
    if (servers.length === 0) return
    this.askedAbout = pending
    logger('asking AutoNAT to confirm %s', pending)
    void reach.reverify(servers, { signal: AbortSignal.timeout(10_000), holdMs: 30_000 }).then(ok => {
      if (!ok) this.askedAbout = ''
    })
  }

  /** Connected peers that run the AutoNAT server. */
  private autonatServers (): PeerId[] {
    const seen = new Set<string>()
    const out: PeerId[] = []
    for (const c of this.components.node.getConnections()) {
      const key = c.remotePeer.toString()
      if (!c.direct || seen.has(key)) continue
      seen.add(key)
      out.push(c.remotePeer)
    }
    return out.filter(p => this.speaks(p, ReachControl.autonatProtocol))
  }

  private speaks (peer: PeerId, protocol: string): boolean {
    return this.protocols.get(peer.toString())?.includes(protocol) ?? false
  }

  /** Protocols of the peers met, as identify reported them (the peer store would answer only asynchronously). */
  private readonly protocols = new Map<string, readonly string[]>()

  private readonly onIdentify = (evt: CustomEvent<IdentifyResult>): void => {
    this.protocols.set(evt.detail.peerId.toString(), evt.detail.protocols)
  }

  private readonly onDisconnect = (evt: CustomEvent<PeerId>): void => {
    this.protocols.delete(evt.detail.toString())
  }
}
