/**
 * What the tray says: active downloads, the total rates and how many shares
 * are served, folded from the engine's events into a small readonly state
 * and turned into a tooltip and menu lines by pure functions. The tray
 * (tray.ts) only draws what these return.
 */
import { assertNever, formatRate, type PeerShareEvent, type ShareView, type TransferState, type TransferView } from '../../shared/index.js'

/** The tray's view of the instance. */
export interface ActivityState {
  /** Transfer id → its state. */
  readonly transfers: ReadonlyMap<string, TransferState>
  /** Roots being shared. */
  readonly shares: ReadonlySet<string>
  /** Payload bytes per second, from the last 'stats' event. */
  readonly rateIn: number
  readonly rateOut: number
}

/** What the tray shows. */
export interface ActivitySummary {
  /** One line per fact, for the tooltip (joined) and the context menu (disabled items). */
  readonly lines: readonly string[]
  readonly tooltip: string
  readonly activeDownloads: number
}

/** States in which a download is still moving. */
const ACTIVE_STATES: ReadonlySet<TransferState> = new Set(['finding-peers', 'downloading', 'verifying'])

export const EMPTY_ACTIVITY: ActivityState = Object.freeze({
  transfers: new Map<string, TransferState>(),
  shares: new Set<string>(),
  rateIn: 0,
  rateOut: 0
})

/** The state from the engine's lists, at start. */
export function seedActivity (shares: readonly ShareView[], transfers: readonly TransferView[]): ActivityState {
  return {
    transfers: new Map(transfers.map(t => [t.id, t.state])),
    shares: new Set(shares.map(s => s.root)),
    rateIn: 0,
    rateOut: 0
  }
}

/** The state after one event; the same object when the event changes nothing the tray shows. */
export function applyActivityEvent (state: ActivityState, event: PeerShareEvent): ActivityState {
  switch (event.kind) {
    case 'transfer': {
      if (state.transfers.get(event.transfer.id) === event.transfer.state) return state
      const transfers = new Map(state.transfers)
      transfers.set(event.transfer.id, event.transfer.state)
      return { ...state, transfers }
    }
    case 'transfer-removed': {
      if (!state.transfers.has(event.id)) return state
      const transfers = new Map(state.transfers)
      transfers.delete(event.id)
      return { ...state, transfers }
    }
    case 'share': {
      if (state.shares.has(event.share.root)) return state
      return { ...state, shares: new Set([...state.shares, event.share.root]) }
    }
    case 'share-removed': {
      if (!state.shares.has(event.root)) return state
      const shares = new Set(state.shares)
      shares.delete(event.root)
      return { ...state, shares }
    }
    case 'stats':
      if (state.rateIn === event.rateIn && state.rateOut === event.rateOut) return state
      return { ...state, rateIn: event.rateIn, rateOut: event.rateOut }
    case 'peer-connected':
    case 'peer-disconnected':
    case 'share-job':
    case 'devices':
    case 'offer':
    case 'offer-removed':
      return state
    default:
      return assertNever(event)
  }
}

/** The tooltip and menu lines for a state, e.g. "2 downloads active", "↓ 3.4 MiB/s  ↑ 1.0 MiB/s", "5 shares". */
export function summarizeActivity (state: ActivityState, profileName: string): ActivitySummary {
  let activeDownloads = 0
  for (const transferState of state.transfers.values()) if (ACTIVE_STATES.has(transferState)) activeDownloads++
  const lines = [
    activeDownloads === 0 ? 'No active downloads' : `${activeDownloads} ${activeDownloads === 1 ? 'download' : 'downloads'} active`,
    `↓ ${formatRate(state.rateIn)}  ↑ ${formatRate(state.rateOut)}`,
    state.shares.size === 0 ? 'Nothing shared' : `${state.shares.size} ${state.shares.size === 1 ? 'share' : 'shares'}`
  ]
  return {
    lines,
    tooltip: [`PeerShare — ${profileName}`, ...lines].join('\n'),
    activeDownloads
  }
}
