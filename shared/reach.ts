/**
 * Reach in words: how this node can be reached and which path a connection
 * takes, as the Network and Peers views and `peershare status` / `peers`
 * say it. Pure functions of the views, so every client words it the same.
 */
import { shortPeerId } from './format.js'
import type { ConnectionPath, ReachView } from './network-views.js'

/** One sentence saying how others can reach this node. */
export function reachabilityText (reach: ReachView): string {
  const relay = reach.relays[0]
  const through = relay == null ? '' : `relay ${shortPeerId(relay.peerId)}${reach.relays.length > 1 ? ` (and ${reach.relays.length - 1} more)` : ''}`
  switch (reach.reachability) {
    case 'public': {
      const [first, ...rest] = reach.publicAddrs
      return `Reachable at ${first ?? 'a public address'}${rest.length > 0 ? ` and ${rest.length} more address${rest.length === 1 ? '' : 'es'}` : ''}.`
    }
    case 'relayed':
      return `Behind a NAT, reachable through ${through}${reach.nat === 'port-preserving'
        ? '; direct connections are made by hole punching.'
        : '; direct connections are made by hole punching where the NATs allow it.'}`
    case 'relayed-only':
      return `Behind a NAT that allows no direct connections (it gives every connection a new port): relayed only, through ${through}.`
    case 'unreachable':
      return reach.nat === 'per-flow'
        ? 'Behind a NAT that allows no direct connections, and no relay is configured or found: nobody outside this network can reach this node. Add a relay in Settings (or start with --relay).'
        : 'Behind a NAT and not reachable from outside: no relay is configured or found. Add a relay in Settings (or start with --relay), or let the router forward a port (UPnP).'
    case 'unknown':
      return 'Unknown yet: waiting for a public peer to confirm how this node can be reached.'
    case 'lan':
      return 'Reachable on the local network (no public peer is known yet).'
    case 'loopback':
      return 'Reachable on this computer only (it listens on loopback).'
  }
}

/** A short label for a connection's path, naming the relay of a relayed one. */
export function pathText (path: ConnectionPath, relay?: string): string {
  switch (path) {
    case 'loopback': return 'loopback'
    case 'lan': return 'LAN'
    case 'direct': return 'direct'
    case 'holepunched': return 'hole-punched'
    case 'relayed': return relay == null ? 'relayed' : `relayed via ${shortPeerId(relay)}`
  }
}
