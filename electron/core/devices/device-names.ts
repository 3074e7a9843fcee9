/**
 * Device names, told between PeerShare instances over `/peershare/device/1.0.0`:
 * the asker sends its own name and gets the other's back, so one exchange
 * teaches both. A node asks the devices it lists (nearby or paired) as soon
 * as identify shows they speak the protocol, and again whenever they come
 * back; a name that is not a valid device name is ignored.
 */
import { checkDeviceName } from '../../../shared/index.js'
import { log } from '../logger.js'
import { Device } from '../pb/messages.js'
import { answerDevice, askDevice, DEVICE_STREAM_LIMITS } from './device-exchange.js'
import type { AbortOptions, IdentifyResult, Libp2p, PeerId, Startable } from '@libp2p/interface'

const logger = log('devices')

export const PROTOCOL_DEVICE = '/peershare/device/1.0.0'

/** Most names remembered: one per PeerShare peer met, so a large swarm cannot grow it without bound. */
const MAX_NAMES = 4096

export interface DeviceNamesComponents {
  node: Pick<Libp2p, 'handle' | 'unhandle' | 'dialProtocol' | 'addEventListener' | 'removeEventListener'>
  /** This device's name as it is now (a setting). */
  ownName(): string
  /** Whether a peer is one this node lists (nearby or paired), so worth asking. */
  listed(peerId: string): boolean
}

export class DeviceNames implements Startable {
  private readonly components: DeviceNamesComponents
  private readonly names = new Map<string, string>()
  private started = false
  /** Told when a peer's name is learned or changes. */
  onChange?: (peerId: string) => void

  constructor (components: DeviceNamesComponents) {
    this.components = components
  }

  async start (): Promise<void> {
    if (this.started) return
    await this.components.node.handle(PROTOCOL_DEVICE, async (stream, connection) => {
      await answerDevice(stream, connection, Device, Device, (req, peer) => {
        this.learn(peer.toString(), req.name)
        return { name: this.components.ownName() }
      })
    }, DEVICE_STREAM_LIMITS)
    this.components.node.addEventListener('peer:identify', this.onIdentify)
    this.started = true
  }

  async stop (): Promise<void> {
    if (!this.started) return
    this.components.node.removeEventListener('peer:identify', this.onIdentify)
    await this.components.node.unhandle(PROTOCOL_DEVICE)
    this.started = false
  }

  /** The name a peer gave, if it has. */
  nameOf (peerId: string): string | undefined {
    return this.names.get(peerId)
  }

  /** Asks a peer its name (telling it ours); undefined when it cannot be asked. */
  async ask (peer: PeerId, options: AbortOptions = {}): Promise<string | undefined> {
    try {
      const res = await askDevice(this.components.node, peer, PROTOCOL_DEVICE, Device, { name: this.components.ownName() }, Device, options)
      this.learn(peer.toString(), res.name)
    } catch (err) {
      logger('asking %p its device name failed: %s', peer, (err as Error).message)
    }
    return this.names.get(peer.toString())
  }

  private readonly onIdentify = (evt: CustomEvent<IdentifyResult>): void => {
    const { peerId, protocols } = evt.detail
    if (!protocols.includes(PROTOCOL_DEVICE) || !this.components.listed(peerId.toString())) return
    void this.ask(peerId, { signal: AbortSignal.timeout(10_000) })
  }

  private learn (peerId: string, name: string): void {
    if (checkDeviceName(name) != null) {
      logger('%s gave an unusable device name; ignored', peerId)
      return
    }
    const trimmed = name.trim()
    if (this.names.get(peerId) === trimmed) return
    if (!this.names.has(peerId) && this.names.size >= MAX_NAMES) this.names.delete(this.names.keys().next().value!)
    this.names.set(peerId, trimmed)
    this.onChange?.(peerId)
  }
}
