/**
 * The renderer's whole state, readonly: the latest snapshot of every view
 * the host offers, kept current by events, plus a short history of traffic
 * for the bandwidth chart. Only the reducer makes new states.
 */
import type { DeviceView, DhtView, HealthView, OfferView, PeerView, SettingsView, ShareJobView, ShareView, TransferView } from '../../../shared/index.js'
import type { ConnectionState } from '../bridge/index.js'

/** One `stats` event, as the bandwidth chart plots it. */
export interface StatsSample {
  readonly at: number
  readonly rateIn: number
  readonly rateOut: number
  readonly bytesIn: number
  readonly bytesOut: number
}

/** How long the bandwidth chart looks back. */
export const STATS_WINDOW_MS = 120_000

/** Whether the host's events are flowing; 'local' for hosts that cannot drop (IPC). */
export type LinkState = ConnectionState | 'local'

export interface AppState {
  /** True once the first round of snapshots has arrived. */
  readonly loaded: boolean
  readonly health: HealthView | null
  readonly shares: readonly ShareView[]
  /** Shares being hashed, and recently ended, newest first. */
  readonly shareJobs: readonly ShareJobView[]
  /** Newest first. */
  readonly transfers: readonly TransferView[]
  readonly peers: readonly PeerView[]
  readonly dht: DhtView | null
  readonly settings: SettingsView | null
  /** Nearby and paired devices, paired first. */
  readonly devices: readonly DeviceView[]
  /** Offers from other devices waiting for an answer, oldest first. */
  readonly offers: readonly OfferView[]
  /** Oldest first, at most STATS_WINDOW_MS long. */
  readonly stats: readonly StatsSample[]
  readonly link: LinkState
  /** Why the last refresh failed, or null. */
  readonly refreshError: string | null
}

export const INITIAL_STATE: AppState = {
  loaded: false,
  health: null,
  shares: [],
  shareJobs: [],
  transfers: [],
  peers: [],
  dht: null,
  settings: null,
  devices: [],
  offers: [],
  stats: [],
  link: 'local',
  refreshError: null
}
