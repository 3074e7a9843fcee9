/**
 * `peershare relay`: the one thing a group of friends or a company puts on
 * a server. A libp2p node on a public address that is at once a circuit
 * relay (so laptops behind home routers can be reached, and can set up a
 * direct path through it), a bootstrap node (a DHT server on the network's
 * protocol, so peers find each other and each other's shares), an AutoNAT
 * server (so peers learn whether their addresses are reachable), and a STUN
 * server (so WebRTC hole punching needs nobody else's). No library, no UI.
 */
import { DEFAULT_NETWORK, PUBLIC_NETWORK, RELAY_STUN_PORT } from '../defaults.js'
import { log } from '../logger.js'
import { ensureProfileDir, loadOrCreatePeerKey } from '../profile/index.js'
import { AddressPolicy } from './address-policy.js'
import { createNode, type PeerShareNode } from './create-node.js'
import { relayServerInit, type RelayDataLimit } from './reach-settings.js'
import { StunServer } from './stun-server.js'

const logger = log('relay')

/** Relayed peers one relay node holds reservations for at most (libp2p's default is 15, for a node that relays on the side). */
const RELAY_NODE_RESERVATIONS = 1024

export interface RelayNodeInit {
  /** Keeps the relay's peer key, so its address stays the same across restarts. Created if missing. */
  profileDir: string
  /** Default /ip4/0.0.0.0/tcp/4001. */
  listen?: readonly string[]
  /** The server's public address(es), announced at once; without them AutoNAT has to confirm an address first. */
  announce?: readonly string[]
  /** What one relayed connection may carry; default 'default' (128 KiB and 2 minutes). */
  dataLimit?: RelayDataLimit
  /** UDP addresses to answer STUN on; default 0.0.0.0:3478; [] for none. */
  stunListen?: ReadonlyArray<{ readonly host: string, readonly port: number }>
  /** The DHT network; default DEFAULT_NETWORK ('public': the public IPFS network). */
  network?: string
}

/** A running relay node. */
export interface RelayNode {
  readonly peerId: string
  readonly network: string
  /** Its addresses, each with /p2p/<peerId>: what `--relay` and `--bootstrap` take. */
  addrs(): string[]
  /** Where its STUN servers listen. */
  readonly stun: ReadonlyArray<{ readonly host: string, readonly port: number }>
  readonly node: PeerShareNode
  stop(): Promise<void>
}

/** Starts a relay node; stops whatever it started if a step fails. */
export async function startRelayNode (init: RelayNodeInit): Promise<RelayNode> {
  const profileDir = await ensureProfileDir(init.profileDir)
  const network = init.network ?? DEFAULT_NETWORK
  const policy = new AddressPolicy({ publicOnly: network === PUBLIC_NETWORK })
  const { node } = await createNode({
    privateKey: await loadOrCreatePeerKey(profileDir),
    listen: init.listen ?? ['/ip4/0.0.0.0/tcp/4001'],
    announce: init.announce,
    network,
    mdns: false,
    policy,
    relay: { server: relayServerInit(init.dataLimit ?? 'default', RELAY_NODE_RESERVATIONS), offered: true }
  })
  policy.updateOwnAddresses(node.getMultiaddrs())
  node.addEventListener('self:peer:update', () => { policy.updateOwnAddresses(node.getMultiaddrs()) })
  const stuns: StunServer[] = []
  try {
    for (const { host, port } of init.stunListen ?? [{ host: '0.0.0.0', port: RELAY_STUN_PORT }]) {
      const stun = new StunServer({}, { host, port })
      await stun.start()
      stuns.push(stun)
    }
  } catch (err) {
    await Promise.all(stuns.map(async s => { await s.stop() }))
    await node.stop()
    throw err
  }
  logger('relay %s on %s (network %s, data limit %s)', node.peerId, node.getMultiaddrs().join(', '), network, String(init.dataLimit ?? 'default'))
  return {
    peerId: node.peerId.toString(),
    network,
    addrs: () => node.getMultiaddrs().map(String),
    stun: stuns.map(s => s.address()!),
    node,
    stop: async () => {
      await Promise.all(stuns.map(async s => { await s.stop() }))
      await node.stop()
    }
  }
}
