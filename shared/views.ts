/**
 * View models: the readonly data every host hands to every client (the
 * React UI, the CLI, tests). Plain JSON, no classes, no runtime dependencies.
 * Byte counts are numbers of bytes; times are milliseconds since the epoch
 * unless a field name says otherwise.
 *
 * This file holds the views of shares and transfers; the network's (peers,
 * the DHT, reachability, health) are in network-views.ts, the settings' in
 * settings-views.ts and the file chooser's in folder-views.ts.
 */
import type { ConnectionPath } from './network-views.js'

/** One file inside a share, as listed in its manifest. */
export interface ManifestFileView {
  /** Path relative to the share, '/'-separated; the first segment is the share name for folders. */
  readonly path: string
  readonly size: number
  /** Index of this file's first chunk in the share-wide chunk numbering. */
  readonly firstChunk: number
  readonly chunkCount: number
}

/** What a share holds, as its manifest says, fetched before (or without) downloading it. */
export interface ShareInfoView {
  readonly root: string
  readonly name: string
  readonly size: number
  readonly chunkSize: number
  readonly chunkCount: number
  readonly files: readonly ManifestFileView[]
  /** Peers known to have at least part of it when the manifest was fetched. */
  readonly providers: number
}

/** Something this instance serves. */
export interface ShareView {
  /** CIDv1 of the manifest: the share's identity, the same for everyone who shares the same names and bytes. */
  readonly root: string
  readonly name: string
  readonly size: number
  readonly chunkSize: number
  readonly chunkCount: number
  readonly fileCount: number
  /** Where the content lives on this machine. */
  readonly path: string
  /**
   * A copy-pasteable `peershare://` link with this node's dialable
   * addresses; a private share's link ends in its secret (`#k=…`).
   */
  readonly link: string
  /**
   * Private: announced under a locator only the link's holders can work
   * out, and served only to peers that prove they hold the link. Public:
   * announced by its root, served to anyone who asks.
   */
  readonly private: boolean
  readonly addedAt: number
  /**
   * 'seeding' normally; 'stale' once a file changed on disk and chunks no
   * longer match; 'missing' while one of its files is not on disk (deleted or
   * moved away): it is neither served nor announced until the file is back.
   */
  readonly state: 'seeding' | 'stale' | 'missing'
  readonly staleReason?: string
  /** While 'missing': the absolute paths of the files that are not where they were shared from. */
  readonly missingFiles?: readonly string[]
  /** Distinct peers that fetched at least one chunk of it since this instance started. */
  readonly peersServed: number
  readonly bytesServed: number
  readonly chunksServed: number
}

/** The states a download moves through, in order; 'failed' and 'paused' can come from any live state. */
export type TransferState =
  | 'finding-peers'
  | 'downloading'
  | 'paused'
  | 'verifying'
  | 'done'
  | 'failed'

/** What a share job is doing: listing was done when it started; then hashing, until it ends one of three ways. */
export type ShareJobState = 'hashing' | 'done' | 'failed' | 'cancelled'

/** Sharing a file or folder, as a job that runs after `share` answered: its progress, and the share once done. */
export interface ShareJobView {
  readonly id: string
  /** The file or folder being shared, as resolved on the node's machine. */
  readonly path: string
  readonly state: ShareJobState
  readonly filesTotal: number
  /** Files hashed, or taken unchanged from an earlier share of the same path. */
  readonly filesDone: number
  /** Of filesDone, those whose size and modification time had not changed since an earlier share, so were not hashed again. */
  readonly filesReused: number
  readonly bytesTotal: number
  readonly bytesDone: number
  /** Bytes hashed per second, recent average. */
  readonly rate: number
  /** Seconds left at the current rate; null while unknown. */
  readonly etaSeconds: number | null
  readonly startedAt: number
  readonly finishedAt?: number
  /** Why it failed. */
  readonly error?: { readonly code: string, readonly message: string }
  /** The share, once done. */
  readonly share?: ShareView
}

/** One peer a download is drawing from. */
export interface TransferPeerView {
  readonly peerId: string
  /** How this peer was found: the link's addresses, an existing connection, or the DHT. */
  readonly foundVia: 'link' | 'connected' | 'dht'
  /** Chunks this peer says it has. */
  readonly has: number
  readonly inFlight: number
  readonly chunksReceived: number
  readonly bytesReceived: number
  /** Recent download rate from this peer, bytes per second. */
  readonly rate: number
  /** Chunks from this peer that failed verification. */
  readonly badChunks: number
  readonly banned: boolean
  /** How this peer is connected now (its best open connection), or null while it has none. */
  readonly path: ConnectionPath | null
  /** The relay's PeerId while `path` is 'relayed'. */
  readonly relay?: string
}

/**
 * Why a running download is not moving: none of the chunks it still needs is
 * held by any peer it is connected to. It goes on by itself as soon as a peer
 * that has them comes along.
 */
export interface TransferWaitingView {
  /** Since when nothing could be fetched. */
  readonly since: number
  /** How many wanted chunks are still missing. */
  readonly missingChunks: number
  /** The first few missing chunks, as inclusive ranges of chunk numbers (a person reads "chunks 12–40"). */
  readonly missingRanges: readonly (readonly [number, number])[]
  /** Source peers still connected (none of them has a missing chunk). */
  readonly connectedSources: number
  /** When a peer last sent a chunk of this download, or null when none has in this run. */
  readonly lastChunkAt: number | null
}

/** Most files a TransferView lists (`fileCount` counts them all). */
export const TRANSFER_VIEW_FILES = 1000

/** A download. */
export interface TransferView {
  /** The share's root doubles as the transfer id: one transfer per root per instance. */
  readonly id: string
  readonly root: string
  readonly name: string
  /** Bytes to fetch: the whole share, or the selected files when some were picked. */
  readonly size: number
  readonly state: TransferState
  /** Set when state is 'failed' or when a pause was forced (disk full): what went wrong and what to do. */
  readonly error?: { readonly code: string, readonly message: string }
  readonly outDir: string
  /** Final path once done. */
  readonly path?: string
  /**
   * Once done: the absolute paths of downloaded files that are no longer
   * where the download put them (deleted or moved). Downloading the link
   * again fetches them again.
   */
  readonly missingFiles?: readonly string[]
  /** Set while 'downloading' when no connected peer has any chunk still needed: what is missing and since when. */
  readonly waiting?: TransferWaitingView
  /** Chunks to fetch (all, or those of the selected files). */
  readonly chunkCount: number
  readonly chunksDone: number
  readonly bytesDone: number
  /** The paths picked when the download started, or null for the whole share. */
  readonly selectedFiles: readonly string[] | null
  /** Chunks that were already verified on disk when this run of the transfer started (resume). */
  readonly chunksResumed: number
  /** Chunks fetched and verified in this run. */
  readonly chunksFetched: number
  readonly badChunks: number
  /** Bytes per second over the last few seconds. */
  readonly rate: number
  /** Seconds until done at the current rate, or null when unknown. */
  readonly etaSeconds: number | null
  readonly peers: readonly TransferPeerView[]
  readonly bannedPeers: readonly string[]
  /**
   * Files in the share, once the manifest is known: the first
   * TRANSFER_VIEW_FILES of them (a view is sent several times a second, and
   * a share may hold 100,000 files; `lookup` lists them all).
   */
  readonly files: readonly ManifestFileView[]
  /** Files in the share in all, once the manifest is known (0 before). */
  readonly fileCount: number
  readonly startedAt: number
  readonly finishedAt?: number
  /**
   * Time spent working on it (finding peers and downloading), ms: paused,
   * stopped and failed spells are not counted, so bytes over this is the
   * speed it really went.
   */
  readonly activeMs: number
}

/**
 * Another PeerShare instance as a person knows it: by its device name. A
 * device is listed when it is nearby (found on this LAN by mDNS) or paired.
 */
export interface DeviceView {
  readonly peerId: string
  /** Its device name, as it gave it (a paired device's last known name); its PeerId's end until it has said. */
  readonly name: string
  /** Found on this LAN by mDNS recently. */
  readonly nearby: boolean
  /** Paired with this instance: it stays listed, and may send offers, from anywhere. */
  readonly paired: boolean
  /** Connected now. */
  readonly online: boolean
  /** How it is connected, while online. */
  readonly path: ConnectionPath | null
  /** The address of that connection, while online. */
  readonly addr: string | null
  /** (Paired devices) Its offers are accepted without asking. */
  readonly autoAccept: boolean
  /** When it was paired, for a paired device. */
  readonly pairedAt: number | null
}

/** Something another device offered to send here, waiting for an answer. */
export interface OfferView {
  /** This instance's id for the offer. */
  readonly id: string
  readonly fromPeerId: string
  readonly fromName: string
  /** The share's name, total size and number of files, as the sender describes them. */
  readonly name: string
  readonly size: number
  readonly fileCount: number
  /** The share's root (the download's id once accepted). */
  readonly root: string
  readonly receivedAt: number
}

/** What `sendTo` did: the private share it made, and the device that got the offer. */
export interface SentOfferView {
  readonly share: ShareView
  readonly device: DeviceView
}

/** An open invitation to pair: a short code to type on the other device, or a link that carries it. */
export interface PairingInvitationView {
  /** Digits to type on the other device, which picks this one from its Nearby list. */
  readonly code: string
  /** The same as a link, with this device's PeerId and addresses: works where the other device does not see this one nearby. */
  readonly link: string
  readonly expiresAt: number
}
