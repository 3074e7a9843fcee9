/**
 * "Send to": offers between devices over `/peershare/offer/1.0.0`. The
 * sender shares privately and offers the share (who, what, how big, its
 * private link); the receiver keeps the offer until a person accepts it
 * (which downloads it through the link, like any private link) or declines
 * it (nothing is fetched or written). Offers come only from devices this
 * one lists, paired or nearby; any other peer is refused. A paired device
 * marked "accept automatically" has its offers accepted at once.
 */
import { randomBytes } from 'node:crypto'
import { MAX_PENDING_OFFERS, OFFER_TTL } from '../defaults.js'
import { NotFoundError, PeerShareError } from '../errors.js'
import { log } from '../logger.js'
import { Offer, OfferReply, OfferStatus } from '../pb/messages.js'
import { answerDevice, askDevice, DEVICE_STREAM_LIMITS } from './device-exchange.js'
import type { DeviceList } from './device-list.js'
import type { PairedDevices } from './paired-devices.js'
import type { LinkInfo, OfferView, PeerShareEvent, TransferView } from '../../../shared/index.js'
import type { AbortOptions, Libp2p, PeerId, Startable } from '@libp2p/interface'

const logger = log('devices:offers')

export const PROTOCOL_OFFER = '/peershare/offer/1.0.0'

/** The other device refused the offer; its reason is in the message. */
export class OfferRefusedError extends PeerShareError {
  constructor (device: string, reason: string) {
    super('bad-request', `${device} refused the offer: ${reason}`)
    this.name = 'OfferRefusedError'
  }
}

/** What a sender offers. */
export interface OutgoingOffer {
  readonly name: string
  readonly size: number
  readonly fileCount: number
  readonly link: string
}

export interface OffersComponents {
  node: Pick<Libp2p, 'handle' | 'unhandle' | 'dialProtocol'>
  devices: Pick<DeviceList, 'isListed'>
  paired: Pick<PairedDevices, 'get'>
  /** This device's name now. */
  ownName(): string
  /** Checks a link as the engine does (links.ts); throws InvalidLinkError. */
  checkLink(link: string): LinkInfo
  /** Starts the download of an accepted offer's link. */
  download(link: LinkInfo, outDir?: unknown): Promise<TransferView>
  events: { emit(event: PeerShareEvent): void }
}

interface Pending {
  readonly view: OfferView
  readonly link: LinkInfo
}

export class Offers implements Startable {
  private readonly components: OffersComponents
  private readonly pending = new Map<string, Pending>()
  private started = false

  constructor (components: OffersComponents) {
    this.components = components
  }

  async start (): Promise<void> {
    if (this.started) return
    await this.components.node.handle(PROTOCOL_OFFER, async (stream, connection) => {
      await answerDevice(stream, connection, Offer, OfferReply, async (req, peer) => await this.receive(req, peer))
    }, DEVICE_STREAM_LIMITS)
    this.started = true
  }

  async stop (): Promise<void> {
    if (!this.started) return
    await this.components.node.unhandle(PROTOCOL_OFFER)
    this.started = false
  }

  /** Offers waiting for an answer, oldest first. */
  list (): OfferView[] {
    this.expire()
    return [...this.pending.values()].map(p => p.view)
  }

  /** Offers a share to `peer`; throws OfferRefusedError with the device's reason. */
  async send (peer: PeerId, deviceName: string, offer: OutgoingOffer, options: AbortOptions = {}): Promise<void> {
    const reply = await askDevice(this.components.node, peer, PROTOCOL_OFFER, Offer, {
      id: randomBytes(8).toString('hex'),
      name: offer.name,
      size: BigInt(offer.size),
      fileCount: offer.fileCount,
      link: offer.link,
      fromName: this.components.ownName()
    }, OfferReply, options)
    if (reply.status !== OfferStatus.RECEIVED) throw new OfferRefusedError(deviceName, reply.message.slice(0, 300) || 'no reason given.')
  }

  /** Accepts an offer: its download starts; NotFoundError when there is no such offer (any more). */
  async accept (id: unknown, outDir?: unknown): Promise<TransferView> {
    const offer = this.take(id)
    const transfer = await this.components.download(offer.link, outDir)
    logger('accepted %s (%s) from %s', offer.view.name, offer.view.root, offer.view.fromPeerId)
    return transfer
  }

  /** Declines an offer: it is forgotten, and nothing is fetched or written. */
  decline (id: unknown): { id: string } {
    const offer = this.take(id)
    logger('declined %s from %s', offer.view.name, offer.view.fromPeerId)
    return { id: offer.view.id }
  }

  private take (id: unknown): Pending {
    const offer = typeof id === 'string' ? this.pending.get(id) : undefined
    if (offer == null) throw new NotFoundError(`No offer ${String(id).slice(0, 40)} is waiting: it was answered already, or it expired.`)
    this.pending.delete(offer.view.id)
    this.components.events.emit({ kind: 'offer-removed', id: offer.view.id })
    return offer
  }

  /** An offer arrived: kept (or accepted at once) when it comes from a listed device and makes sense. */
  private async receive (req: Offer, peer: PeerId): Promise<OfferReply> {
    const from = peer.toString()
    const refuse = (message: string): OfferReply => {
      logger('refused an offer from %s: %s', from, message)
      return { status: OfferStatus.REFUSED, message }
    }
    if (!this.components.devices.isListed(from)) return refuse('it accepts offers only from devices it is paired with or finds on its local network. Pair the two devices first.')
    let link: LinkInfo
    try {
      link = this.components.checkLink(req.link)
    } catch (err) {
      return refuse(`the offer's link is unusable (${(err as Error).message}).`)
    }
    if (link.secret == null) return refuse('the offer\'s link is not a private link.')
    if (req.name === '' || req.name.length > 255 || req.size > BigInt(Number.MAX_SAFE_INTEGER) || req.fromName.length > 64) return refuse('the offer is malformed.')
    this.expire()
    if (this.pending.size >= MAX_PENDING_OFFERS) return refuse(`it has ${MAX_PENDING_OFFERS} offers waiting for an answer already; try again once some are answered.`)
    const view: OfferView = {
      id: randomBytes(8).toString('hex'),
      fromPeerId: from,
      fromName: req.fromName.trim() === '' ? `device …${from.slice(-8)}` : req.fromName.trim(),
      name: req.name,
      size: Number(req.size),
      fileCount: req.fileCount,
      root: link.root,
      receivedAt: Date.now()
    }
    this.pending.set(view.id, { view, link })
    this.components.events.emit({ kind: 'offer', offer: view })
    logger('offer of %s (%d bytes) from %s', view.name, view.size, view.fromName)
    if (this.components.paired.get(from)?.autoAccept === true) {
      this.accept(view.id).catch(err => { logger.error('accepting %s from %s automatically failed: %s', view.name, view.fromName, (err as Error).message) })
    }
    return { status: OfferStatus.RECEIVED, message: '' }
  }

  private expire (): void {
    const now = Date.now()
    for (const [id, p] of this.pending) {
      if (now - p.view.receivedAt < OFFER_TTL) continue
      this.pending.delete(id)
      this.components.events.emit({ kind: 'offer-removed', id })
    }
  }
}
