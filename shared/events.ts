/**
 * Events a PeerShare instance pushes to its clients. A closed union tagged
 * with `kind`; clients switch on it and close the switch with assertNever.
 */
import type { DeviceView, OfferView, ShareJobView, ShareView, TransferView } from './views.js'
import type { PeerView } from './network-views.js'

export type PeerShareEvent =
  | { readonly kind: 'transfer', readonly transfer: TransferView }
  | { readonly kind: 'transfer-removed', readonly id: string }
  | { readonly kind: 'share', readonly share: ShareView }
  | { readonly kind: 'share-removed', readonly root: string }
  /** A share job's progress (throttled), and its end. */
  | { readonly kind: 'share-job', readonly job: ShareJobView }
  | { readonly kind: 'peer-connected', readonly peer: PeerView }
  | { readonly kind: 'peer-disconnected', readonly peerId: string }
  /** The device list changed (one came or went, was named, paired, or connected); the whole list, it is short. */
  | { readonly kind: 'devices', readonly devices: readonly DeviceView[] }
  /** Another device offers to send something: accept or decline it. */
  | { readonly kind: 'offer', readonly offer: OfferView }
  /** An offer was answered (here or by its expiry). */
  | { readonly kind: 'offer-removed', readonly id: string }
  /** Once a second: totals and payload rates in bytes per second. */
  | { readonly kind: 'stats', readonly bytesIn: number, readonly bytesOut: number, readonly rateIn: number, readonly rateOut: number, readonly at: number }

/** Exhaustiveness check for switches over tagged unions. */
export function assertNever (value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`)
}
