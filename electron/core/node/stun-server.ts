/**
 * A STUN server (RFC 5389 Binding only) for `peershare relay --stun-listen`.
 * WebRTC peers behind NATs ask it "what address do you see me at?"; the
 * answer (XOR-MAPPED-ADDRESS) is what they offer each other as a candidate
 * for a hole punch. A group that runs its own relay runs this beside it, so
 * nobody has to depend on a public STUN server.
 *
 * It answers Binding Requests and nothing else: no TURN, no authentication,
 * no state between packets. Every packet is bounded in size and checked
 * before it is decoded, and anything that is not a well-formed Binding
 * Request is dropped without an answer (a STUN server must never become a
 * reflector for junk). The codec is @msimerson/stun's.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram'
import { isIPv6 } from 'node:net'
import { crc32 } from 'node:zlib'
import { constants, createMessage, decode } from '@msimerson/stun'
import { log, type Logger } from '../logger.js'
import type { AbortOptions, Startable } from '@libp2p/interface'

/** The STUN port RFC 5389 assigns. */
export const STUN_DEFAULT_PORT = 3478

/** A Binding Request is a 20-byte header plus a few attributes; anything near an MTU is not one of ours to answer. */
const MAX_REQUEST_BYTES = 1280
const HEADER_BYTES = 20
const MAGIC_COOKIE = 0x2112a442
const FINGERPRINT_TYPE = 0x8028
const FINGERPRINT_XOR = 0x5354554e

export interface StunServerComponents {
  /** Default: the `peershare:stun` logger. */
  log?: Logger
}

export interface StunServerInit {
  /** Address to bind; default '0.0.0.0' (all IPv4 interfaces). An IPv6 address binds an IPv6 socket. */
  host?: string
  /** UDP port; default 3478. 0 picks a free port (read it from `address()`). */
  port?: number
  /** SOFTWARE attribute in answers; default none (it tells strangers what runs here). */
  software?: string
}

/** What the server has done since it started; for health views and tests. */
export interface StunServerStats {
  readonly answered: number
  readonly ignored: number
}

/** Thrown by `start` when the UDP socket cannot be bound (port in use, address not on this host). */
export class StunListenError extends Error {
  constructor (host: string, port: number, cause: unknown) {
    super(`The STUN server could not listen on ${host}:${port}: ${(cause as Error)?.message ?? String(cause)}. Pick another --stun-listen address or free the port.`, { cause })
    this.name = 'StunListenError'
  }
}

/** Answers STUN Binding Requests over UDP. */
export class StunServer implements Startable {
  private readonly log: Logger
  private readonly host: string
  private readonly port: number
  private readonly software?: string
  private socket?: Socket
  private answered = 0
  private ignored = 0

  constructor (components: StunServerComponents = {}, init: StunServerInit = {}) {
    this.log = components.log ?? log('stun')
    this.host = init.host ?? '0.0.0.0'
    this.port = init.port ?? STUN_DEFAULT_PORT
    this.software = init.software
  }

  isStarted (): boolean {
    return this.socket != null
  }

  /** Binds the socket; resolves once packets can arrive. */
  async start (options: AbortOptions = {}): Promise<void> {
    if (this.socket != null) return
    const socket = createSocket({ type: isIPv6(this.host) ? 'udp6' : 'udp4' })
    try {
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => reject(options.signal?.reason ?? new Error('aborted'))
        options.signal?.addEventListener('abort', onAbort, { once: true })
        socket.once('error', reject)
        socket.bind(this.port, this.host, () => {
          options.signal?.removeEventListener('abort', onAbort)
          socket.off('error', reject)
          resolve()
        })
      })
    } catch (err) {
      socket.close()
      throw new StunListenError(this.host, this.port, err)
    }
    // After binding, a socket error (e.g. ICMP unreachable for an answer) must not take the process down.
    socket.on('error', err => { this.log.error('STUN socket error - %e', err) })
    socket.on('message', this.onMessage)
    this.socket = socket
    this.log('STUN server listening on %s:%d', this.host, this.address()?.port)
  }

  async stop (): Promise<void> {
    const socket = this.socket
    if (socket == null) return
    this.socket = undefined
    socket.off('message', this.onMessage)
    await new Promise<void>(resolve => socket.close(() => resolve()))
  }

  /** Where the server listens, or undefined when stopped. */
  address (): { host: string, port: number } | undefined {
    const a = this.socket?.address()
    return a == null ? undefined : { host: a.address, port: a.port }
  }

  stats (): StunServerStats {
    return { answered: this.answered, ignored: this.ignored }
  }

  private readonly onMessage = (packet: Buffer, from: RemoteInfo): void => {
    const answer = this.answer(packet, from)
    if (answer == null) {
      this.ignored++
      this.log.trace('ignored %d bytes from %s:%d', packet.length, from.address, from.port)
      return
    }
    this.answered++
    this.socket?.send(answer, from.port, from.address)
  }

  /** The Binding Success Response for `packet`, or undefined when it deserves no answer. */
  answer (packet: Buffer, from: Pick<RemoteInfo, 'address' | 'port'>): Buffer | undefined {
    if (!looksLikeBindingRequest(packet)) return undefined
    let request
    try {
      request = decode(packet)
    } catch {
      return undefined
    }
    if (request.type !== constants.STUN_BINDING_REQUEST || request.isLegacy()) return undefined
    // A FINGERPRINT that does not match means the packet was mangled or is not STUN at all.
    if (request.hasAttribute(constants.STUN_ATTR_FINGERPRINT) && !fingerprintValid(packet)) return undefined
    const response = createMessage(constants.STUN_BINDING_RESPONSE, request.transactionId)
    response.addXorAddress(from.address, from.port)
    if (this.software != null) response.addSoftware(this.software)
    response.addFingerprint()
    return response.toBuffer()
  }
}

/**
 * The cheap checks of RFC 5389 §6–7 before any decoding: size, the two zero
 * bits, the magic cookie, a length that matches the packet and is a multiple
 * of four, and the Binding Request type.
 */
export function looksLikeBindingRequest (packet: Uint8Array): boolean {
  if (packet.length < HEADER_BYTES || packet.length > MAX_REQUEST_BYTES) return false
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength)
  const type = view.getUint16(0)
  const length = view.getUint16(2)
  return type === 0x0001 &&
    length === packet.length - HEADER_BYTES &&
    length % 4 === 0 &&
    view.getUint32(4) === MAGIC_COOKIE
}

/**
 * Whether the packet's last attribute is a FINGERPRINT that matches its
 * bytes (RFC 5389 §15.5). Computed over the bytes as received: padding may
 * hold any value (RFC 5769's sample uses spaces), so a message re-encoded
 * from its decoded form would not hash the same.
 */
export function fingerprintValid (packet: Uint8Array): boolean {
  const at = packet.length - 8
  if (at < HEADER_BYTES) return false
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength)
  if (view.getUint16(at) !== FINGERPRINT_TYPE || view.getUint16(at + 2) !== 4) return false
  return ((crc32(packet.subarray(0, at)) ^ FINGERPRINT_XOR) >>> 0) === view.getUint32(at + 4)
}
