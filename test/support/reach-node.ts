/**
 * A bare libp2p node for the NAT lab, run as its own process inside a lab
 * namespace: the libp2p stack PeerShare uses (TCP, Noise, Yamux, identify,
 * ping) plus the parts of reach, each switched on by the config it is given
 * (circuit relay v2 as server or client, WebRTC with the lab's STUN server,
 * AutoNAT, UPnP, DCUtR, a STUN server beside a relay).
 *
 * The reach settings (relay limits, STUN servers, UPnP) are the engine's
 * own (electron/core/node/reach-settings.ts).
 *
 * The test steers it over stdin/stdout, one JSON object per line: commands
 * `{ id, cmd, ... }` get `{ id, ok, result | error }`; events (address
 * changes, connections, pushes received) arrive as `{ event, at, ... }` with
 * `at` in ms since the process started. It speaks a push protocol of its
 * own to measure a bare stream: the length first, then the bytes, then the
 * receiver answers with the count, so the time includes every byte landing.
 *
 * Usage: node reach-node.js '<ReachNodeConfig as JSON>'
 */
import { createInterface } from 'node:readline'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { autoNAT } from '@libp2p/autonat'
import { autoNATv2 } from '@libp2p/autonat-v2'
import { circuitRelayServer, circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { dcutr } from '@libp2p/dcutr'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { uPnPNAT } from '@libp2p/upnp-nat'
import { webRTC } from '@libp2p/webrtc'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p, type Libp2pOptions } from 'libp2p'
import { iceServers, relayServerInit, UPNP_INIT } from '../../electron/core/node/reach-settings.js'
import { StunServer } from '../../electron/core/node/stun-server.js'
import { describeConnection, PUSH_PROTOCOL, receivePush, sendPush, type ConnectionInfo } from './reach-push.js'
import type { Connection, Libp2p } from '@libp2p/interface'

/** What a lab node runs; every part is off unless named. */
export interface ReachNodeConfig {
  listen: string[]
  /** addresses.appendAnnounce: announced at once, without AutoNAT. */
  appendAnnounce?: string[]
  /** A circuit relay v2 server; `limited: false` lifts the default 128 KiB / 2 min per relayed connection. */
  relayServer?: { limited: boolean }
  /** The circuit relay transport (dial and listen on /p2p-circuit addresses). */
  relayClient?: boolean
  /** The WebRTC transport with these STUN server URLs. */
  webrtc?: { stun: string[] }
  /** AutoNAT: 'v2' dials back on a new connection; 'v1' reuses the one the request came on (see docs/reach.md). */
  autonat?: 'v1' | 'v2'
  /** UPnP IGD port mapping (found by SSDP). */
  upnp?: boolean
  dcutr?: boolean
  /** libp2p's connection monitor; default: ping every 10 s and abort a connection whose ping fails. */
  connectionMonitor?: { abortConnectionOnPingFailure?: boolean }
  /** A STUN server in the same process, on this UDP address. */
  stun?: { host: string, port: number }
}

const started = Date.now()
const config = JSON.parse(process.argv[2] ?? '{}') as ReachNodeConfig

function emit (message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...message, at: Date.now() - started })}\n`)
}

async function main (): Promise<void> {
  const services: Record<string, (components: any) => unknown> = { identify: identify(), ping: ping() }
  if (config.relayServer != null) {
    services.relay = circuitRelayServer(relayServerInit(config.relayServer.limited ? 'default' : 'none'))
  }
  if (config.autonat === 'v1') services.autonat = autoNAT()
  if (config.autonat === 'v2') services.autonat = autoNATv2()
  if (config.upnp === true) {
    services.upnp = uPnPNAT({ ...UPNP_INIT, portMappingDescription: 'PeerShare lab' })
  }
  if (config.dcutr === true) services.dcutr = dcutr()
  const transports: Libp2pOptions['transports'] = [tcp()]
  if (config.relayClient === true) transports.push(circuitRelayTransport())
  if (config.webrtc != null) {
    transports.push(webRTC({ rtcConfiguration: { iceServers: iceServers(config.webrtc.stun) } }))
  }
  const node = await createLibp2p({
    addresses: { listen: config.listen, appendAnnounce: config.appendAnnounce ?? [] },
    transports,
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    ...(config.connectionMonitor != null ? { connectionMonitor: config.connectionMonitor } : {}),
    services
  }) as Libp2p

  const stun = config.stun == null ? undefined : new StunServer({}, config.stun)
  await stun?.start()

  await node.handle(PUSH_PROTOCOL, async (stream, connection) => {
    const outcome = await receivePush(stream)
    emit({ event: 'push:received', ...outcome, connection: describeConnection(connection) })
  }, { runOnLimitedConnection: true })

  node.addEventListener('self:peer:update', () => { emit({ event: 'addrs', addrs: node.getMultiaddrs().map(String) }) })
  node.addEventListener('connection:open', evt => { emit({ event: 'connection:open', connection: describeConnection(evt.detail) }) })
  node.addEventListener('connection:close', evt => { emit({ event: 'connection:close', connection: describeConnection(evt.detail) }) })

  const commands: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {
    addrs: async () => node.getMultiaddrs().map(String),
    dial: async (args) => {
      const t = Date.now()
      const connection = await node.dial(multiaddr(String(args.addr)), { signal: AbortSignal.timeout(Number(args.timeoutMs ?? 30_000)) })
      return { ...describeConnection(connection), ms: Date.now() - t }
    },
    connections: async () => node.getConnections().map(describeConnection),
    push: async (args) => {
      const connection = pickConnection(node, String(args.peer), String(args.via ?? 'any'))
      return await sendPush(connection, Number(args.bytes), { signal: AbortSignal.timeout(Number(args.timeoutMs ?? 120_000)), window: args.window == null ? undefined : Number(args.window) })
    },
    hangUp: async (args) => {
      const connection = node.getConnections().find(c => c.id === args.connectionId)
      await connection?.close()
      return connection != null
    },
    stunStats: async () => stun?.stats(),
    stop: async () => {
      setTimeout(() => { void Promise.all([node.stop(), stun?.stop()]).finally(() => process.exit(0)) }, 10)
      return true
    }
  }

  createInterface({ input: process.stdin }).on('line', line => {
    let request: Record<string, unknown>
    try {
      request = JSON.parse(line)
    } catch {
      return
    }
    const handler = commands[String(request.cmd)]
    const id = request.id
    if (handler == null) {
      emit({ id, ok: false, error: `unknown command ${String(request.cmd)}` })
      return
    }
    handler(request).then(
      result => { emit({ id, ok: true, result }) },
      (err: Error) => { emit({ id, ok: false, error: `${err.name}: ${err.message}` }) }
    )
  }).on('close', () => { process.exit(0) })

  emit({ event: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(String) })
}

/** The open connection to `peer` with the given id, or else on the given path ('any' for the first). */
function pickConnection (node: Libp2p, peer: string, via: string): Connection {
  const open = node.getConnections().filter(c => c.remotePeer.toString() === peer && c.status === 'open')
  const found = open.find(c => c.id === via) ?? open.find(c => via === 'any' || describeConnection(c).path === via)
  if (found == null) {
    const seen: ConnectionInfo[] = open.map(describeConnection)
    throw new Error(`no ${via} connection to ${peer}; open: ${JSON.stringify(seen)}`)
  }
  return found
}

main().catch(err => {
  process.stderr.write(`reach node failed: ${(err as Error).stack ?? String(err)}\n`)
  process.exit(1)
})
