/**
 * The devices this instance paired with, kept in the profile's store: each
 * one's PeerId, the name it last gave, when it was paired, the addresses it
 * was last reached at, and whether its offers are accepted without asking.
 */
import { storeKeys, storePrefixes } from '../library/store-keys.js'
import type { Store } from '../library/store.js'

/** What is persisted per paired device. */
export interface PairedDevice {
  readonly peerId: string
  readonly name: string
  readonly pairedAt: number
  readonly autoAccept: boolean
  /** Multiaddrs (with /p2p/) it was last reached at, to find it again without mDNS. */
  readonly addrs: readonly string[]
}

export interface PairedDevicesComponents {
  store: Pick<Store, 'listJson' | 'putJson' | 'del'>
}

export class PairedDevices {
  private readonly components: PairedDevicesComponents
  private readonly devices = new Map<string, PairedDevice>()

  constructor (components: PairedDevicesComponents) {
    this.components = components
  }

  async load (): Promise<void> {
    for (const d of await this.components.store.listJson<PairedDevice>(storePrefixes.pairedDevice)) this.devices.set(d.peerId, d)
  }

  get (peerId: string): PairedDevice | undefined {
    return this.devices.get(peerId)
  }

  all (): PairedDevice[] {
    return [...this.devices.values()]
  }

  /** Records a device (newly paired, renamed, or with new addresses). */
  async put (device: PairedDevice): Promise<void> {
    await this.components.store.putJson(storeKeys.pairedDevice(device.peerId), device)
    this.devices.set(device.peerId, device)
  }

  /** Changes some fields of a paired device; undefined when it is not paired. */
  async update (peerId: string, change: Partial<Omit<PairedDevice, 'peerId'>>): Promise<PairedDevice | undefined> {
    const before = this.devices.get(peerId)
    if (before == null) return undefined
    const after = { ...before, ...change }
    await this.put(after)
    return after
  }

  async remove (peerId: string): Promise<boolean> {
    if (!this.devices.has(peerId)) return false
    await this.components.store.del(storeKeys.pairedDevice(peerId))
    this.devices.delete(peerId)
    return true
  }
}
