/**
 * How this run of the engine reaches others, from the settings in effect
 * and the host's options: which network (the project's own DHT, or the
 * public IPFS network), whom to bootstrap from, which relays to reserve on,
 * which STUN servers WebRTC asks, and whether to assemble the reach parts at
 * all (a node on loopback only needs none of them, unless it is given a
 * relay by name, as a lab's instances are).
 */
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { DEFAULT_NETWORK, PUBLIC_BOOTSTRAP, PUBLIC_NETWORK, PUBLIC_STUN, RELAY_STUN_PORT } from '../defaults.js'
import { listensBeyondLoopback, type NodeReachInit } from '../node/create-node.js'
import { relayServerInit } from '../node/reach-settings.js'
import type { RelayServiceInit } from '../node/relay-service.js'
import type { SettingsValues } from '../../../shared/index.js'
import type { EngineInit } from '../types.js'

/** Reach, settled for one run. */
export interface ReachConfig {
  /** The DHT network's name; 'public' is the public IPFS network. */
  readonly network: string
  readonly publicNetwork: boolean
  readonly bootstrap: readonly Multiaddr[]
  /** Relays to reserve on, in order: the relays setting, then bootstrap peers (a PeerShare relay node is both). */
  readonly relays: readonly Multiaddr[]
  /** Whether relays were named (the relays setting or --relay), not only bootstrap peers. */
  readonly relaysNamed: boolean
  readonly stun: readonly string[]
  readonly announce: readonly string[]
  /** The reach parts of the node, or undefined for a node that listens on loopback only. */
  readonly node?: NodeReachInit
  /** The relay the node offers while it is publicly reachable, if the setting allows. */
  readonly relay?: RelayServiceInit
}

/** Settles reach for a run. */
export function reachConfig (settings: SettingsValues, init: Pick<EngineInit, 'network' | 'announce' | 'holePunch'>): ReachConfig {
  const network = init.network ?? (settings.publicNetwork === 'on' ? PUBLIC_NETWORK : DEFAULT_NETWORK)
  const publicNetwork = network === PUBLIC_NETWORK
  const bootstrap = (settings.bootstrap.length === 0 && publicNetwork ? PUBLIC_BOOTSTRAP : settings.bootstrap).map(a => multiaddr(a))
  const relays = uniqueAddrs([...settings.relays.map(a => multiaddr(a)), ...bootstrap])
  const stun = settings.stun.length > 0 ? [...settings.stun] : publicNetwork ? [...PUBLIC_STUN] : relayStun(relays)
  // Named relays are reached even from loopback (a lab's instances reserve on the lab's relay).
  const relaysNamed = settings.relays.length > 0
  const reachable = listensBeyondLoopback(settings.listen) || (init.announce ?? []).length > 0 || relaysNamed
  return {
    network,
    publicNetwork,
    bootstrap,
    relays,
    relaysNamed,
    stun,
    announce: [...init.announce ?? []],
    node: reachable ? { stun, upnp: settings.upnp, ...(init.holePunch === false ? { holePunch: false } : {}) } : undefined,
    // Signalling-sized, like the public IPFS relays: enough for peers to set up a direct path, not to carry files.
    relay: reachable && settings.relayService ? { server: relayServerInit('default') } : undefined
  }
}

/**
 * The default STUN servers of a private network: port 3478 on every relay
 * and bootstrap host given by IP address or DNS name, where `peershare
 * relay` answers STUN unless told otherwise. A group that runs its own relay
 * then needs nobody else's STUN server.
 */
export function relayStun (relays: readonly Multiaddr[]): string[] {
  const hosts = new Set<string>()
  for (const ma of relays) {
    const host = ma.getComponents().find(c => ['ip4', 'ip6', 'dns', 'dns4', 'dns6'].includes(c.name))
    if (host?.value == null) continue
    hosts.add(host.name === 'ip6' ? `[${host.value}]` : host.value)
  }
  return [...hosts].map(h => `stun:${h}:${RELAY_STUN_PORT}`)
}

function uniqueAddrs (addrs: readonly Multiaddr[]): Multiaddr[] {
  const seen = new Set<string>()
  return addrs.filter(ma => {
    const key = ma.toString()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
