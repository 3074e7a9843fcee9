/**
 * The libp2p settings that let PeerShare reach peers behind home routers,
 * as the NAT lab measured them (docs/reach.md): the relay a node offers and
 * its limits, WebRTC's STUN servers, UPnP, and a connection monitor that
 * does not cut a busy relayed connection. The engine's node, the dedicated
 * relay node and the lab's bare nodes all take them from here.
 */
import type { CircuitRelayServerInit } from '@libp2p/circuit-relay-v2'
import type { UPnPNATInit } from '@libp2p/upnp-nat'
import type { ConnectionMonitorInit } from 'libp2p'

/** What one relayed connection may carry: 'default' (signalling-sized: 128 KiB and 2 minutes), 'none', or a number of bytes (2 minutes each). */
export type RelayDataLimit = 'default' | 'none' | number

/**
 * The circuit relay server's settings for a data limit. With 'default' a
 * relayed connection carries 128 KiB for at most 2 minutes, as public IPFS
 * relays allow: enough for a hole punch's signalling, not for files. 'none'
 * lifts both limits; a number of bytes keeps the 2 minutes.
 */
export function relayServerInit (limit: RelayDataLimit, maxReservations?: number): CircuitRelayServerInit {
  const reservations: NonNullable<CircuitRelayServerInit['reservations']> = limit === 'none'
    ? { applyDefaultLimit: false }
    : limit === 'default' ? {} : { defaultDataLimit: BigInt(limit) }
  return { reservations: maxReservations == null ? reservations : { ...reservations, maxReservations } }
}

/** WebRTC's ICE servers for a list of STUN (or TURN) URLs. */
export function iceServers (stun: readonly string[]): Array<{ urls: string }> {
  return stun.map(urls => ({ urls }))
}

/**
 * libp2p's connection monitor pings every connection every 10 s and, by
 * default, aborts one whose ping is late. On a relayed connection carrying a
 * transfer the ping waits behind the data and comes late on a busy machine,
 * so the monitor would cut a connection that works (docs/reach.md); a dead
 * connection still ends when its socket does.
 */
export const CONNECTION_MONITOR: ConnectionMonitorInit = { abortConnectionOnPingFailure: false }

/** UPnP: look for the router soon after start, and name the forward so a person recognises it in the router's table. */
export const UPNP_INIT: UPnPNATInit = {
  initialGatewaySearchInterval: 1000,
  initialGatewaySearchTimeout: 3000,
  portMappingDescription: 'PeerShare'
}
