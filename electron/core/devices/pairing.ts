/**
 * Pairing two devices over `/peershare/pair/1.0.0`. One device opens an
 * invitation: a short code, usable once for PAIRING_TTL, shown with a
 * pairing link that carries the same code. The other device proves it
 * knows the code (an HMAC keyed by it over both PeerIds, so an overheard
 * proof is worth nothing to anyone else) to the device it picked; on a match
 * the invitation is used up and both record each other as paired, with
 * their names. Codes are short, so wrong guesses are counted: after
 * PAIRING_MAX_FAILURES every open invitation is withdrawn.
 */
import { hkdfSync, randomInt } from 'node:crypto'
import { checkDeviceName, formatPairingLink, type PairingInvitationView } from '../../../shared/index.js'
import { boundProof, boundProofMatches } from '../access/index.js'
import { PAIRING_CODE_DIGITS, PAIRING_MAX_FAILURES, PAIRING_TTL } from '../defaults.js'
import { PeerShareError } from '../errors.js'
import { log } from '../logger.js'
import { PairReply, PairRequest } from '../pb/messages.js'
import { answerDevice, askDevice, DEVICE_STREAM_LIMITS } from './device-exchange.js'
import type { PairedDevices } from './paired-devices.js'
import type { AbortOptions, Libp2p, PeerId, Startable } from '@libp2p/interface'

const logger = log('devices:pairing')

export const PROTOCOL_PAIR = '/peershare/pair/1.0.0'
const PAIR_DOMAIN = 'peershare/pair/1'

/** The other device did not take the code. */
export class PairingRefusedError extends PeerShareError {
  constructor (device: string) {
    super('bad-request', `${device} did not accept the code: it is wrong, used already or expired. Make a new code on that device and try again.`)
    this.name = 'PairingRefusedError'
  }
}

export interface PairingComponents {
  node: Pick<Libp2p, 'handle' | 'unhandle' | 'dialProtocol' | 'getConnections' | 'peerId' | 'peerStore'>
  paired: PairedDevices
  /** This device's name now. */
  ownName(): string
  /** This node's addresses for a pairing link (with /p2p/), best first. */
  linkAddrs(): string[]
  /** A device was paired (from either side). */
  onPaired(peerId: string): void
}

interface Invitation {
  readonly code: string
  readonly key: Uint8Array
  readonly expiresAt: number
}

function keyOf (code: string): Uint8Array {
  return Buffer.from(hkdfSync('sha256', Buffer.from(code, 'utf8'), new Uint8Array(), 'peershare/pair/key/1', 32))
}

export class Pairing implements Startable {
  private readonly components: PairingComponents
  private invitations: Invitation[] = []
  private failures = 0
  private started = false

  constructor (components: PairingComponents) {
    this.components = components
  }

  async start (): Promise<void> {
    if (this.started) return
    await this.components.node.handle(PROTOCOL_PAIR, async (stream, connection) => {
      await answerDevice(stream, connection, PairRequest, PairReply, async (req, peer) => await this.answer(req, peer))
    }, DEVICE_STREAM_LIMITS)
    this.started = true
  }

  async stop (): Promise<void> {
    if (!this.started) return
    await this.components.node.unhandle(PROTOCOL_PAIR)
    this.invitations = []
    this.started = false
  }

  /** Opens an invitation: a new code, usable once. */
  invite (): PairingInvitationView {
    const code = Array.from({ length: PAIRING_CODE_DIGITS }, () => randomInt(10)).join('')
    const expiresAt = Date.now() + PAIRING_TTL
    this.invitations = [...this.open(), { code, key: keyOf(code), expiresAt }]
    this.failures = 0
    const peerId = this.components.node.peerId.toString()
    return { code, link: formatPairingLink({ peerId, peers: this.components.linkAddrs(), code }), expiresAt }
  }

  /** Pairs with `peer`, which showed `code`; resolves with its name once both have recorded the pairing. */
  async pair (peer: PeerId, deviceName: string, code: string, options: AbortOptions = {}): Promise<string> {
    const self = this.components.node.peerId.toString()
    const proof = boundProof(keyOf(code), PAIR_DOMAIN, self, peer.toString())
    const reply = await askDevice(this.components.node, peer, PROTOCOL_PAIR, PairRequest, { proof: proof as Uint8Array<ArrayBuffer>, name: this.components.ownName() }, PairReply, options)
    if (!reply.accepted) throw new PairingRefusedError(deviceName)
    const name = checkDeviceName(reply.name) == null ? reply.name.trim() : deviceName
    await this.record(peer, name)
    return name
  }

  private async answer (req: PairRequest, peer: PeerId): Promise<PairReply> {
    const from = peer.toString()
    const self = this.components.node.peerId.toString()
    const match = this.open().find(i => boundProofMatches(i.key, PAIR_DOMAIN, from, self, req.proof))
    if (match == null) {
      this.failures++
      logger('a wrong pairing code from %s (%d so far)', from, this.failures)
      if (this.failures >= PAIRING_MAX_FAILURES && this.invitations.length > 0) {
        logger.error('%d wrong pairing codes: every open code is withdrawn; make a new one to pair', this.failures)
        this.invitations = []
      }
      return { accepted: false, name: '' }
    }
    this.invitations = this.invitations.filter(i => i !== match)
    const name = checkDeviceName(req.name) == null ? req.name.trim() : `device …${from.slice(-8)}`
    await this.record(peer, name)
    return { accepted: true, name: this.components.ownName() }
  }

  /** Records a pairing, with the addresses the device listens on (identify's, else those this node dialed it at). */
  private async record (peer: PeerId, name: string): Promise<void> {
    const { paired, node } = this.components
    const peerId = peer.toString()
    const listening = await node.peerStore.get(peer).then(p => p.addresses.map(a => a.multiaddr.toString()), () => [])
    const dialed = node.getConnections().filter(c => c.remotePeer.equals(peer) && c.direction === 'outbound').map(c => c.remoteAddr.toString())
    const addrs = (listening.length > 0 ? listening : dialed).map(a => a.includes('/p2p/') ? a : `${a}/p2p/${peerId}`).slice(0, 8)
    const before = paired.get(peerId)
    await paired.put({ peerId, name, pairedAt: before?.pairedAt ?? Date.now(), autoAccept: before?.autoAccept ?? false, addrs })
    logger('paired with %s (%s)', name, peerId)
    this.components.onPaired(peerId)
  }

  private open (): Invitation[] {
    const now = Date.now()
    return this.invitations.filter(i => i.expiresAt > now)
  }
}
