/**
 * How the NAT in front of this node maps its connections, asked of STUN
 * servers (RFC 5389 Binding) from one UDP socket: a NAT that gives the
 * socket the same public port whoever it talks to lets WebRTC punch a hole
 * through it; one that gives every flow a new port (a "symmetric" or
 * per-flow NAT) does not, and such a node can only be reached through a
 * relay. With two STUN servers the two answers are compared (RFC 5780's
 * mapping test); with one, the public port is compared with the socket's
 * own (most home routers keep it when they can).
 */
import { createSocket } from 'node:dgram'
import { randomBytes } from 'node:crypto'
import { networkInterfaces } from 'node:os'
import { constants, createMessage, decode } from '@msimerson/stun'
import type { AbortOptions } from '@libp2p/interface'

/** What the probe found: no NAT (the public address is this host's own), a NAT that keeps a socket's mapping, one that maps every flow anew, or nothing (no answer). */
export type NatBehaviour = 'none' | 'port-preserving' | 'per-flow' | 'unknown'

/** A STUN server to ask. */
export interface StunTarget { readonly host: string, readonly port: number }

/** The STUN servers among ICE server URLs (stun:HOST[:PORT]; TURN and STUN over TLS are left out). */
export function stunTargets (urls: readonly string[]): StunTarget[] {
  const out: StunTarget[] = []
  for (const url of urls) {
    const m = /^stun:(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(url)
    if (m == null) continue
    out.push({ host: m[1] ?? m[2], port: m[3] == null ? 3478 : Number(m[3]) })
  }
  return out
}

/** One mapped address a STUN server reported. */
interface Mapping { readonly address: string, readonly port: number }

/**
 * Asks up to two of `targets`, from one socket, for this node's public
 * address; each is asked up to three times within the deadline.
 */
export async function probeNat (targets: readonly StunTarget[], options: AbortOptions & { timeoutMs?: number } = {}): Promise<NatBehaviour> {
  const asked = targets.slice(0, 2)
  if (asked.length === 0) return 'unknown'
  const socket = createSocket('udp4')
  const signal = AbortSignal.any([AbortSignal.timeout(options.timeoutMs ?? 3_000), ...options.signal == null ? [] : [options.signal]])
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject)
      socket.bind(0, () => { socket.off('error', reject); resolve() })
    })
    socket.on('error', () => {})
    const mappings = await Promise.all(asked.map(async t => await ask(socket, t, signal).catch(() => undefined)))
    return judge(socket.address().port, mappings.filter((m): m is Mapping => m != null), asked.length, ownAddresses())
  } finally {
    socket.close()
  }
}

/** The behaviour that follows from what the servers said (exported for its tests). */
export function judge (localPort: number, mappings: readonly Mapping[], asked: number, own: ReadonlySet<string>): NatBehaviour {
  if (mappings.length === 0) return 'unknown'
  if (mappings.some(m => own.has(m.address))) return 'none'
  if (asked >= 2 && mappings.length >= 2) return mappings[0].port === mappings[1].port ? 'port-preserving' : 'per-flow'
  return mappings[0].port === localPort ? 'port-preserving' : 'per-flow'
}

async function ask (socket: ReturnType<typeof createSocket>, target: StunTarget, signal: AbortSignal): Promise<Mapping> {
  const transaction = randomBytes(12)
  const request = createMessage(constants.STUN_BINDING_REQUEST, transaction).toBuffer()
  return await new Promise<Mapping>((resolve, reject) => {
    const onMessage = (packet: Buffer): void => {
      try {
        const answer = decode(packet)
        if (answer.type !== constants.STUN_BINDING_RESPONSE || !answer.transactionId.equals(transaction)) return
        const mapped = answer.getXorAddress()
        if (mapped == null) return
        done()
        resolve({ address: mapped.address, port: mapped.port })
      } catch {}
    }
    const send = (): void => { socket.send(request, target.port, target.host, () => {}) }
    const timer = setInterval(send, 700)
    const onAbort = (): void => { done(); reject(signal.reason) }
    const done = (): void => {
      clearInterval(timer)
      socket.off('message', onMessage)
      signal.removeEventListener('abort', onAbort)
    }
    socket.on('message', onMessage)
    signal.addEventListener('abort', onAbort, { once: true })
    send()
  })
}

function ownAddresses (): Set<string> {
  return new Set(Object.values(networkInterfaces()).flatMap(list => (list ?? []).map(i => i.address)))
}
