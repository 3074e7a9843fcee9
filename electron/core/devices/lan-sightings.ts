/**
 * Which PeerShare instances mDNS found on this LAN lately: the Nearby list.
 * mDNS answers every query of this node's (and announces itself on the
 * network's own service name, so only PeerShare nodes of the same network
 * are seen); a device not seen for NEARBY_TTL is no longer nearby.
 */
import { NEARBY_TTL } from '../defaults.js'

export interface LanSightingsInit {
  /** How long a sighting lasts, ms; default NEARBY_TTL. */
  ttl?: number
}

export class LanSightings {
  private readonly ttl: number
  private readonly seen = new Map<string, number>()
  /** Told when a device is seen that was not nearby before. */
  onArrival?: (peerId: string) => void

  constructor (init: LanSightingsInit = {}) {
    this.ttl = init.ttl ?? NEARBY_TTL
  }

  /** mDNS found `peerId` just now. */
  saw (peerId: string): void {
    const fresh = !this.isNearby(peerId)
    this.seen.set(peerId, Date.now())
    if (fresh) this.onArrival?.(peerId)
  }

  isNearby (peerId: string): boolean {
    const at = this.seen.get(peerId)
    return at != null && Date.now() - at < this.ttl
  }

  /** PeerIds seen within the TTL; older sightings are forgotten on the way. */
  nearby (): string[] {
    const now = Date.now()
    for (const [id, at] of this.seen) if (now - at >= this.ttl) this.seen.delete(id)
    return [...this.seen.keys()]
  }
}
