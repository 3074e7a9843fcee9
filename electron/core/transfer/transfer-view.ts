/**
 * How a transfer looks to the UI, the CLI and the events: a pure function
 * of its persisted record and, once the manifest is known, a snapshot of
 * its download.
 */
import { fileViews, type Manifest } from '../content/manifest.js'
import type { TransferRecord } from './transfer-record.js'
import type { SourcePeer } from './source-peer.js'
import type { Wanted } from './wanted.js'
import type { Bitfield } from '../util/bitfield.js'
import type { ConnectionPath, TransferPeerView, TransferView, TransferWaitingView } from '../../../shared/index.js'

/** A download's state at one moment, as the view needs it. */
export interface DownloadSnapshot {
  readonly manifest: Manifest
  readonly wanted: Wanted
  readonly verified: Bitfield
  /** Bytes per second over the last few seconds. */
  readonly rate: number
  readonly peers: readonly TransferPeerView[]
  readonly bannedPeers: readonly string[]
  readonly chunksResumed: number
  readonly chunksFetched: number
  readonly badChunks: number
  /** Set when nothing can be fetched: no source holds a missing chunk. */
  readonly waiting?: TransferWaitingView
}

/** One source peer as the view shows it, with the path it is connected on now, if known. */
export function peerView (p: SourcePeer, rate: number, path?: { path: ConnectionPath, relay?: string }): TransferPeerView {
  return {
    peerId: p.key,
    foundVia: p.foundVia,
    has: p.have.count(),
    inFlight: p.inFlight,
    chunksReceived: p.received,
    bytesReceived: p.meter.total,
    rate,
    badChunks: p.bad,
    banned: p.banned,
    path: path?.path ?? null,
    ...(path?.relay != null ? { relay: path.relay } : {})
  }
}

/**
 * The view of a transfer; without a snapshot (no manifest yet) its counts
 * are zero. `runningMs`: how long the current run has been going, if one
 * is; `missingFiles`: a finished download's files no longer in place.
 */
export function transferView (record: Readonly<TransferRecord>, d?: DownloadSnapshot, runningMs = 0, missingFiles?: readonly string[]): TransferView {
  const chunkCount = d?.wanted.chunkCount ?? 0
  const chunksDone = d == null ? 0 : d.wanted.done(d.verified)
  const bytesDone = d == null ? 0 : d.wanted.bytesDone(d.verified)
  const size = d?.wanted.size ?? record.size ?? 0
  const rate = d?.rate ?? 0
  const done = record.state === 'done'
  const downloading = record.state === 'downloading'
  return {
    id: record.root,
    root: record.root,
    name: d?.manifest.name ?? record.name ?? record.root,
    size,
    state: record.state,
    error: record.error,
    outDir: record.outDir,
    path: record.path,
    ...(done && missingFiles != null && missingFiles.length > 0 ? { missingFiles } : {}),
    ...(downloading && d?.waiting != null ? { waiting: d.waiting } : {}),
    chunkCount,
    chunksDone: done ? chunkCount : chunksDone,
    bytesDone: done ? size : bytesDone,
    selectedFiles: record.files ?? null,
    chunksResumed: d?.chunksResumed ?? 0,
    chunksFetched: d?.chunksFetched ?? 0,
    badChunks: d?.badChunks ?? 0,
    rate: downloading ? rate : 0,
    etaSeconds: downloading && rate > 0 ? (size - bytesDone) / rate : null,
    peers: d?.peers ?? [],
    bannedPeers: d?.bannedPeers ?? [],
    files: d == null ? [] : fileViews(d.manifest),
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    activeMs: (record.activeMs ?? 0) + runningMs
  }
}
