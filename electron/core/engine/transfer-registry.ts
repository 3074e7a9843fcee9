/**
 * Every download of this instance, by root: restoring the persisted ones at
 * start (those that were running resume), starting or resuming one from a
 * link, finding one by id, cancelling one, and halting all at stop. Each
 * transfer reports back through here: progress becomes throttled events,
 * received bytes count as traffic, and a partial or finished download is
 * served and announced. A link asked for again goes to its transfer, which
 * takes new picks on board or fetches again what is no longer on disk.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { checkPicks } from '../content/selection.js'
import { BadRequestError, NotFoundError } from '../errors.js'
import { storePrefixes } from '../library/store-keys.js'
import { log } from '../logger.js'
import { Transfer, type TransferComponents, type TransferRecord } from '../transfer/transfer.js'
import type { EventHub } from './event-hub.js'
import type { Traffic } from './traffic.js'
import type { LinkInfo, TransferView } from '../../../shared/index.js'
import type { ShareKeys } from '../access/share-keys.js'
import type { ProviderFinder } from '../discovery/provider-finder.js'
import type { Library } from '../library/library.js'
import type { Store } from '../library/store.js'
import type { Dialer } from '../protocol/client.js'
import type { FilePool } from '../util/file-pool.js'
import type { BlockStore } from '../library/block-store.js'
import type { RateLimiter } from '../util/rate-limiter.js'
import type { Startable } from '@libp2p/interface'

const logger = log('engine:transfers')

export interface TransferRegistryComponents {
  dialer: Dialer
  finder: ProviderFinder
  /** How peers are connected, and why one cannot be reached (path-dialer.ts). */
  paths?: TransferComponents['paths']
  store: Store
  downloadLimiter: RateLimiter
  library: Pick<Library, 'setPartial' | 'removePartial' | 'addDownloaded' | 'has'>
  /** The secrets of private links downloaded through. */
  access: ShareKeys
  traffic: Pick<Traffic, 'received'>
  events: Pick<EventHub, 'emit' | 'throttled'>
  /** Something here started or stopped serving `root`. */
  servingChanged(root: string): void
  /** A share's view changed. */
  shareChanged(root: string): void
  /** Tells this profile's partial data from another's in a shared download folder (see PartialFilesInit.owner). */
  partialOwner?: string
  /** Whether this node is connected to nobody and expects nobody soon. Default: never. */
  isolated?(): boolean
  /** The engine's open files. */
  filePool?: FilePool
  /** Manifest blocks in the store. */
  blocks?: BlockStore
}

/** What a download request asks for, as it arrived. */
export interface DownloadRequest {
  readonly outDir?: unknown
  readonly files?: unknown
}

export class TransferRegistry implements Startable {
  private readonly components: TransferRegistryComponents
  private readonly transfers = new Map<string, Transfer>()
  /** What every transfer is built with. */
  private readonly transferComponents: TransferComponents

  constructor (components: TransferRegistryComponents) {
    this.components = components
    const { library, traffic, events } = components
    this.transferComponents = {
      dialer: components.dialer,
      finder: components.finder,
      paths: components.paths,
      store: components.store,
      downloadLimiter: components.downloadLimiter,
      partialOwner: components.partialOwner,
      isolated: components.isolated,
      filePool: components.filePool,
      blocks: components.blocks,
      isShared: root => library.has(root),
      access: components.access,
      // The first verified chunk counts as a change of phase: a person sees progress begin at once.
      onChange: t => { events.throttled(`transfer:${t.root}`, `${t.state}${t.started ? '+' : ''}`, () => ({ kind: 'transfer', transfer: t.view() })) },
      onReceived: (peer, bytes) => { traffic.received(peer, bytes) },
      onServable: source => {
        library.setPartial(source)
        components.servingChanged(source.root)
      },
      onUnservable: root => {
        library.removePartial(root)
        components.servingChanged(root)
      },
      onDone: async (t, manifest, bytes, finalPath) => {
        // Part of a share is not the share: only complete downloads are seeded on.
        if (t.selectedFiles != null) return
        await library.addDownloaded(manifest, bytes, t.root, finalPath)
        components.servingChanged(t.root)
        components.shareChanged(t.root)
      }
    }
  }

  /** Restores persisted transfers; those that were running resume. */
  async start (): Promise<void> {
    for (const record of await this.components.store.listJson<TransferRecord>(storePrefixes.transfer)) {
      const t = new Transfer(this.transferComponents, { root: record.root, outDir: record.outDir, linkPeers: record.linkPeers }, record)
      await t.load()
      await t.checkFiles()
      this.transfers.set(record.root, t)
      if (record.state === 'finding-peers' || record.state === 'downloading' || record.state === 'verifying') t.start()
    }
    logger('restored %d transfers', this.transfers.size)
  }

  /** Halts every transfer, keeping its persisted state for the next start. */
  async stop (): Promise<void> {
    await Promise.all([...this.transfers.values()].map(async t => t.halt()))
    this.transfers.clear()
  }

  /** The transfer with this id (its root); NotFoundError otherwise. */
  get (id: unknown): Transfer {
    const t = typeof id === 'string' ? this.transfers.get(id) : undefined
    if (t == null) throw new NotFoundError(`No download with id ${String(id).slice(0, 100)}.`)
    return t
  }

  /** The transfer of a root, if there is one. */
  find (root: string): Transfer | undefined {
    return this.transfers.get(root)
  }

  /**
   * Starts the download of a checked link into `req.outDir` (default
   * `downloadDir`). A root with a transfer already goes to it (see
   * Transfer.again): new picks are added, a stopped one runs again, a
   * finished one fetches what is not in the folder asked for. A private
   * link's secret is kept: this node asks with it, and seeds the share to
   * others who hold it.
   */
  async download (link: LinkInfo, req: DownloadRequest, downloadDir: string): Promise<TransferView> {
    if (req.outDir != null && typeof req.outDir !== 'string') throw new BadRequestError('outDir must be a path.')
    const files = checkPicks(req.files)
    const asked = req.outDir == null ? undefined : path.resolve(req.outDir)
    const { access } = this.components
    // A root this node already shares keeps its access as it is: a share of ours is not re-keyed (or made private) by a link from elsewhere.
    if (link.secret != null && !access.isPrivate(link.root) && !this.components.library.has(link.root)) await access.set(link.root, link.secret)
    const existing = this.transfers.get(link.root)
    if (existing != null) {
      existing.addLinkPeers(link.peers)
      await existing.again({ outDir: asked, files })
      this.components.events.emit({ kind: 'transfer', transfer: existing.view() })
      return existing.view()
    }
    const outDir = asked ?? path.resolve(downloadDir)
    const t = new Transfer(this.transferComponents, { root: link.root, name: link.name, size: link.size, outDir, linkPeers: link.peers, files })
    this.transfers.set(link.root, t)
    t.start()
    return t.view()
  }

  /** Stops a download and deletes its partial data and record. */
  async cancel (id: unknown): Promise<{ id: string }> {
    const t = this.get(id)
    this.transfers.delete(t.root)
    await t.cancel()
    // A cancelled download's secret goes with it, unless the share is still served from here.
    if (t.state !== 'done' && !this.components.library.has(t.root)) await this.components.access.remove(t.root)
    this.components.events.emit({ kind: 'transfer-removed', id: t.root })
    return { id: t.root }
  }

  /**
   * Takes a finished download off the list: its record goes, its files stay
   * (and a whole share it completed stays in the library, shared). An
   * unfinished one is refused: cancelling is what ends those.
   */
  async forget (id: unknown): Promise<{ id: string }> {
    const t = this.get(id)
    if (t.state !== 'done') throw new BadRequestError(`${t.view().name} is not finished: cancel it instead, which also deletes what was fetched so far.`)
    // Cancelling a finished transfer only drops its record; its files are not touched.
    return await this.cancel(t.root)
  }

  /** Where a finished download's files are; NotFoundError when it is not finished or they are gone. */
  async finishedPath (id: unknown): Promise<string> {
    const view = this.get(id).view()
    if (view.state !== 'done' || view.path == null) throw new BadRequestError(`${view.name} is not finished yet, so there is nothing to show.`)
    try {
      await stat(view.path)
    } catch {
      throw new NotFoundError(`${view.name} is no longer at ${view.path}: it was moved or deleted.`)
    }
    return view.path
  }

  /** Views of every transfer, newest first. */
  views (): TransferView[] {
    return [...this.transfers.values()].map(t => t.view()).sort((a, b) => b.startedAt - a.startedAt)
  }

  /** Looks whether finished downloads' files are still in place; returns the transfers whose view changed. */
  async checkFiles (): Promise<Transfer[]> {
    const changed: Transfer[] = []
    for (const t of [...this.transfers.values()]) {
      if (await t.checkFiles().catch(err => { logger('%s: cannot look at its files: %s', t.root, (err as Error).message); return false })) changed.push(t)
    }
    for (const t of changed) this.components.events.emit({ kind: 'transfer', transfer: t.view() })
    return changed
  }

  /** Transfers that are working now. */
  activeCount (): number {
    return [...this.transfers.values()].filter(t => t.active).length
  }
}
