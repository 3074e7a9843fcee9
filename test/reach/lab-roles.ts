/**
 * The roles lab nodes play in the reach tests, with the libp2p settings that
 * worked for each (docs/reach.md explains them): the relay, bootstrap and
 * STUN node on the public segment, and a laptop at home behind a router that
 * reserves a slot on the relay and listens for WebRTC.
 */
import { CONNECTION_MONITOR } from '../../electron/core/node/reach-settings.js'
import type { LabHost, NatLab } from '../support/nat-lab.js'
import { startReachNode, type ReachNode } from '../support/reach-lab-node.js'
import type { ReachNodeConfig } from '../support/reach-node.js'

export const RELAY_PORT = 4001
export const STUN_PORT = 3478

export interface RelayRole {
  readonly node: ReachNode
  readonly host: LabHost
  /** The relay's public address with its PeerId. */
  readonly addr: string
  readonly stunUrl: string
}

/**
 * A relay on the public segment. It announces its public address at once
 * (appendAnnounce): without that, libp2p shows no address until AutoNAT
 * confirms one, and nobody could reserve on it.
 */
export async function startRelay (lab: NatLab, options: { limited: boolean, hostName?: string, autonat?: 'v1' | 'v2' }): Promise<RelayRole> {
  const host = lab.host(options.hostName ?? 'relay')
  const node = await startReachNode('relay', host.netns, {
    listen: [`/ip4/0.0.0.0/tcp/${RELAY_PORT}`],
    appendAnnounce: [`/ip4/${host.ip}/tcp/${RELAY_PORT}`],
    relayServer: { limited: options.limited },
    autonat: options.autonat ?? 'v2',
    stun: { host: host.ip, port: STUN_PORT }
  })
  return { node, host, addr: `/ip4/${host.ip}/tcp/${RELAY_PORT}/p2p/${node.peerId}`, stunUrl: `stun:${host.ip}:${STUN_PORT}` }
}

export interface HomeRole {
  readonly node: ReachNode
  readonly host: LabHost
  /** Its WebRTC-over-relay address, `<relay>/p2p-circuit/webrtc/p2p/<id>`. */
  readonly webrtcAddr: string
  /** Its plain relayed address, `<relay>/p2p-circuit/p2p/<id>`. */
  readonly circuitAddr: string
  /** When (ms after the node started) both addresses appeared. */
  readonly reservedMs: number
}

/**
 * The settings of a NATed laptop: reserve on the relay, listen for WebRTC
 * with the lab's STUN server. The connection monitor does not abort a
 * connection whose ping is late: on a busy relayed connection on a loaded
 * machine the ping waits behind the data for more than its 5 s minimum, and
 * libp2p would abort a connection that is working (docs/reach.md).
 */
export function homeConfig (relay: RelayRole, extra: Partial<ReachNodeConfig> = {}): ReachNodeConfig {
  return {
    listen: ['/ip4/0.0.0.0/tcp/0', `${relay.addr}/p2p-circuit`, '/webrtc'],
    relayClient: true,
    webrtc: { stun: [relay.stunUrl] },
    connectionMonitor: CONNECTION_MONITOR,
    ...extra
  }
}

/** Starts a laptop on the first LAN host of `routerName` and waits for its relay reservation. */
export async function startHome (lab: NatLab, routerName: string, relay: RelayRole, extra: Partial<ReachNodeConfig> = {}, hostIndex = 0): Promise<HomeRole> {
  const host = lab.router(routerName).hosts[hostIndex]
  const node = await startReachNode(host.name, host.netns, homeConfig(relay, extra))
  const reserved = await node.waitForEvent('a relay reservation and a /webrtc address', e =>
    e.event === 'addrs' && (e.addrs as string[]).some(a => a.includes('/p2p-circuit/webrtc/')) &&
    (e.addrs as string[]).some(a => a.includes('/p2p-circuit/p2p/')), 30_000)
  const addrs = reserved.addrs as string[]
  return {
    node,
    host,
    webrtcAddr: addrs.find(a => a.includes('/p2p-circuit/webrtc/'))!,
    circuitAddr: addrs.find(a => a.includes('/p2p-circuit/p2p/'))!,
    reservedMs: reserved.at
  }
}
