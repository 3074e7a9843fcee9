/**
 * Pure state transitions: an event or a snapshot in, a new AppState out.
 * Unchanged slices keep their identity, so components that select them do
 * not re-render (a `stats` event, once a second, touches only `stats`).
 */
import { assertNever, type PeerShareEvent, type PeerView, type TransferView } from '../../../shared/index.js'
import { STATS_WINDOW_MS, type AppState, type StatsSample } from './state.js'

/** What the store feeds the reducer besides host events. */
export type Snapshot =
  | { readonly kind: 'snapshot', readonly patch: Partial<Pick<AppState, 'health' | 'shares' | 'shareJobs' | 'transfers' | 'peers' | 'dht' | 'settings' | 'devices' | 'offers'>> }
  | { readonly kind: 'link', readonly link: AppState['link'] }
  | { readonly kind: 'refresh-error', readonly message: string | null }
  | { readonly kind: 'loaded' }

export type Action = PeerShareEvent | Snapshot

/** Applies one event or snapshot. */
export function reduce (state: AppState, action: Action): AppState {
  switch (action.kind) {
    case 'transfer':
      return { ...state, transfers: upsertTransfer(state.transfers, action.transfer) }
    case 'transfer-removed':
      return { ...state, transfers: state.transfers.filter(t => t.id !== action.id) }
    case 'share': {
      const i = state.shares.findIndex(s => s.root === action.share.root)
      const shares = i === -1 ? [action.share, ...state.shares] : state.shares.with(i, action.share)
      return { ...state, shares }
    }
    case 'share-removed':
      return { ...state, shares: state.shares.filter(s => s.root !== action.root) }
    case 'share-job': {
      const i = state.shareJobs.findIndex(j => j.id === action.job.id)
      return { ...state, shareJobs: i === -1 ? [action.job, ...state.shareJobs] : state.shareJobs.with(i, action.job) }
    }
    case 'peer-connected': {
      // A peer may hold several connections; the event names its first, a snapshot lists them all.
      const others = state.peers.filter(p => connectionKey(p) !== connectionKey(action.peer))
      return { ...state, peers: [...others, action.peer] }
    }
    case 'peer-disconnected':
      return { ...state, peers: state.peers.filter(p => p.peerId !== action.peerId) }
    case 'stats':
      return { ...state, stats: appendSample(state.stats, action) }
    case 'devices':
      return { ...state, devices: keepUnchanged(state.devices, action.devices, d => d.peerId) }
    case 'offer':
      return state.offers.some(o => o.id === action.offer.id) ? state : { ...state, offers: [...state.offers, action.offer] }
    case 'offer-removed':
      return { ...state, offers: state.offers.filter(o => o.id !== action.id) }
    case 'snapshot':
      return applySnapshot(state, action.patch)
    case 'link':
      return state.link === action.link ? state : { ...state, link: action.link }
    case 'refresh-error':
      return state.refreshError === action.message ? state : { ...state, refreshError: action.message }
    case 'loaded':
      return state.loaded ? state : { ...state, loaded: true }
    default:
      return assertNever(action)
  }
}

/**
 * Merges fresh snapshots, keeping the old object wherever nothing changed,
 * so a poll every few seconds re-renders only the rows that did change.
 */
function applySnapshot (state: AppState, patch: Extract<Snapshot, { kind: 'snapshot' }>['patch']): AppState {
  const next: { -readonly [K in keyof AppState]: AppState[K] } = { ...state }
  if (patch.health !== undefined) next.health = patch.health
  if (patch.settings !== undefined) next.settings = keepIfSame(state.settings, patch.settings)
  if (patch.dht !== undefined) next.dht = keepIfSame(state.dht, patch.dht)
  if (patch.shares != null) next.shares = keepUnchanged(state.shares, patch.shares, s => s.root)
  if (patch.shareJobs != null) next.shareJobs = keepUnchanged(state.shareJobs, patch.shareJobs, j => j.id)
  if (patch.peers != null) next.peers = keepUnchanged(state.peers, patch.peers, connectionKey)
  if (patch.transfers != null) next.transfers = keepUnchanged(state.transfers, sortTransfers(patch.transfers), t => t.id)
  if (patch.devices != null) next.devices = keepUnchanged(state.devices, patch.devices, d => d.peerId)
  if (patch.offers != null) next.offers = keepUnchanged(state.offers, patch.offers, o => o.id)
  return next
}

/** One connection's identity: a peer can be connected more than once (both dialled, or over two transports). */
export function connectionKey (p: PeerView): string {
  return `${p.peerId} ${p.direction} ${p.addr}`
}

function keepIfSame<T> (prev: T, next: T): T {
  return prev != null && JSON.stringify(prev) === JSON.stringify(next) ? prev : next
}

/** `next`, with each item replaced by its equal predecessor; `prev` itself when nothing changed at all. */
export function keepUnchanged<T> (prev: readonly T[], next: readonly T[], keyOf: (item: T) => string): readonly T[] {
  const old = new Map(prev.map(item => [keyOf(item), item]))
  let same = prev.length === next.length
  const merged = next.map((item, i) => {
    const before = old.get(keyOf(item))
    const kept = before != null && JSON.stringify(before) === JSON.stringify(item) ? before : item
    if (kept !== prev[i]) same = false
    return kept
  })
  return same ? prev : merged
}

function upsertTransfer (list: readonly TransferView[], transfer: TransferView): readonly TransferView[] {
  const i = list.findIndex(t => t.id === transfer.id)
  if (i === -1) return sortTransfers([transfer, ...list])
  return list.with(i, transfer)
}

function sortTransfers (list: readonly TransferView[]): readonly TransferView[] {
  return [...list].sort((a, b) => b.startedAt - a.startedAt)
}

/** Adds a sample and drops those older than the chart's window. */
export function appendSample (samples: readonly StatsSample[], event: StatsSample): readonly StatsSample[] {
  const sample: StatsSample = { at: event.at, rateIn: event.rateIn, rateOut: event.rateOut, bytesIn: event.bytesIn, bytesOut: event.bytesOut }
  const cutoff = sample.at - STATS_WINDOW_MS
  const kept = samples.filter(s => s.at >= cutoff && s.at < sample.at)
  return [...kept, sample]
}
