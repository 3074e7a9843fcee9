/**
 * The PeerShare engine: one libp2p node per profile, the library of shares,
 * the protocol server, DHT announcements and the downloads, behind the
 * command surface of shared/api.ts. Pure Node; every host uses it as is.
 */
import path from 'node:path'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { MemoryDatastore } from 'datastore-core'
import { CID } from 'multiformats/cid'
import { formatLink, InvalidLinkError, parseLink, type ApiRequest, type HealthView, type PeerShareApi, type PeerShareEvent, type ShareInfoView, type TransferView } from '../../shared/index.js'
import {
  BOOTSTRAP_RETRY, DEFAULT_CHUNK_SIZE, DEFAULT_NETWORK, DISCOVERED_DIAL_TIMEOUT, EVENT_THROTTLE, LINK_ADDRESSES, LOOKUP_TIMEOUT, STATS_INTERVAL
} from './defaults.js'
import { ProfileSettings } from './config/index.js'
import { BadRequestError, NotFoundError } from './errors.js'
import { Announcer } from './discovery/announcer.js'
import { lookupManifest, shareInfoOf } from './discovery/lookup.js'
import { ProviderFinder } from './discovery/provider-finder.js'
import { checkPicks } from './content/selection.js'
import { peerViewOf, providerRecordsOf, routingTableOf, type PeerCounters } from './health.js'
import { Library } from './library/library.js'
import { Store } from './library/store.js'
import { log } from './logger.js'
import { AddressPolicy, classifyAddress, rankAddresses } from './node/address-policy.js'
import { createNode, dhtProtocol, type PeerShareNode } from './node/create-node.js'
import { ensureProfileDir, loadOrCreatePeerKey, profilePath } from './profile/index.js'
import { ProtocolServer } from './protocol/server.js'
import { Transfer, type TransferComponents, type TransferRecord } from './transfer/transfer.js'
import { RateLimiter } from './util/rate-limiter.js'
import { RateMeter } from './util/rate-meter.js'
import type { Engine, EngineInit } from './types.js'

const logger = log('engine')


export class PeerShareEngine implements Engine {
  private readonly init: EngineInit
  private readonly listeners = new Set<(event: PeerShareEvent) => void>()
  private readonly policy = new AddressPolicy()
  private readonly uploadLimiter = new RateLimiter()
  private readonly downloadLimiter = new RateLimiter()
  private readonly inMeter = new RateMeter()
  private readonly outMeter = new RateMeter()
  private readonly counters = new Map<string, PeerCounters>()
  private readonly transfers = new Map<string, Transfer>()
  private readonly lastEmit = new Map<string, { at: number, state: string, timer?: ReturnType<typeof setTimeout> }>()
  private profileDir = ''
  private settings?: ProfileSettings
  private store?: Store
  private library?: Library
  private node?: PeerShareNode
  private datastore?: MemoryDatastore
  private server?: ProtocolServer
  private announcer?: Announcer
  private finder?: ProviderFinder
  private timers: Array<ReturnType<typeof setInterval>> = []
  private startedAt = 0
  private running = false
  readonly api: PeerShareApi

  constructor (init: EngineInit) {
    this.init = init
    this.api = this.bindApi()
  }

  get peerId (): string {
    return this.node?.peerId.toString() ?? ''
  }

  listenAddrs (): string[] {
    return this.node?.getMultiaddrs().map(ma => ma.toString()) ?? []
  }

  subscribe (listener: (event: PeerShareEvent) => void): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  private emit (event: PeerShareEvent): void {
    for (const l of this.listeners) {
      try {
        l(event)
      } catch (err) {
        logger.error('event listener failed: %e', err)
      }
    }
  }

  async start (): Promise<void> {
    if (this.running) return
    const init = this.init
    this.profileDir = await ensureProfileDir(init.profileDir)
    this.settings = await ProfileSettings.load(this.profileDir, init)
    const settings = this.settings.current
    this.uploadLimiter.setRate(settings.uploadLimit)
    this.downloadLimiter.setRate(settings.downloadLimit)
    const network = init.network ?? DEFAULT_NETWORK

    this.store = new Store({ path: profilePath(this.profileDir, 'store') })
    await this.store.start()
    try {
      this.library = new Library({ store: this.store }, { chunkSize: init.chunkSize ?? DEFAULT_CHUNK_SIZE })
      this.library.onChange = root => this.emitShare(root)
      await this.library.load()

      const bootstrap = settings.bootstrap.map(s => multiaddr(s))
      this.policy.allow(bootstrap)
      this.datastore = new MemoryDatastore()
      this.node = await createNode({
        privateKey: await loadOrCreatePeerKey(this.profileDir),
        listen: settings.listen,
        network,
        mdns: settings.mdns,
        policy: this.policy,
        datastore: this.datastore
      })
      this.policy.updateOwnAddresses(this.node.getMultiaddrs())
      const started = this.node
      started.addEventListener('self:peer:update', () => this.policy.updateOwnAddresses(started.getMultiaddrs()))
      this.node.addEventListener('peer:discovery', evt => { void this.onDiscovered(evt.detail.id.toString(), evt.detail.multiaddrs) })
      this.node.addEventListener('connection:open', evt => {
        const c = evt.detail
        this.emit({ kind: 'peer-connected', peer: peerViewOf(c, this.counters.get(c.remotePeer.toString())) })
      })
      this.node.addEventListener('peer:disconnect', evt => { this.emit({ kind: 'peer-disconnected', peerId: evt.detail.toString() }) })

      this.finder = new ProviderFinder({ node: this.node, policy: this.policy })
      this.server = new ProtocolServer({
        registrar: this.node,
        sources: this.library,
        uploadLimiter: this.uploadLimiter,
        onServed: (root, peer, bytes) => {
          this.library!.countServed(root, peer, bytes)
          this.count(peer, 0, bytes)
          this.outMeter.add(bytes)
          this.emitShare(root)
        }
      }, { misbehave: init.misbehave })
      await this.server.start()

      const node = this.node
      this.announcer = new Announcer({
        provide: async (cid, options) => node.contentRouting.provide(cid, options),
        routingTableSize: () => routingTableOf(node.services.dht).reduce((n, b) => n + b.peers.length, 0)
      }, { interval: init.announceInterval })
      this.announcer.start()
      for (const root of this.library.roots()) this.announcer.add(root)

      this.dialBootstrap(bootstrap)
      this.timers.push(setInterval(() => { this.dialBootstrap(bootstrap) }, BOOTSTRAP_RETRY))
      this.timers.push(setInterval(() => { this.emitStats() }, STATS_INTERVAL))
      for (const t of this.timers) t.unref()

      await this.loadTransfers()
      this.startedAt = Date.now()
      this.running = true
      logger('started %s on %s (network %s)', this.peerId, this.listenAddrs().join(', '), network)
    } catch (err) {
      await this.teardown()
      throw err
    }
  }

  async stop (): Promise<void> {
    if (!this.running) return
    this.running = false
    await this.teardown()
    logger('stopped')
  }

  /** Stops children in reverse order of start; safe on a partly started engine. */
  private async teardown (): Promise<void> {
    for (const t of this.timers) clearInterval(t)
    this.timers = []
    for (const e of this.lastEmit.values()) clearTimeout(e.timer)
    await Promise.all([...this.transfers.values()].map(async t => t.halt()))
    this.transfers.clear()
    this.announcer?.stop()
    await this.server?.stop()
    await this.node?.stop()
    await this.library?.close()
    await this.store?.stop()
    this.node = undefined
  }

  private dialBootstrap (addrs: Multiaddr[]): void {
    const node = this.node
    if (node == null) return
    const connected = new Set(node.getConnections().map(c => c.remotePeer.toString()))
    for (const ma of addrs) {
      const id = ma.getComponents().findLast(c => c.name === 'p2p')?.value
      if (id != null && connected.has(id)) continue
      node.dial(ma, { signal: AbortSignal.timeout(BOOTSTRAP_RETRY) }).catch(err => {
        logger('bootstrap dial %s failed: %s', ma, (err as Error).message)
      })
    }
  }

  /** mDNS (and other discovery) found a peer: dial it if its addresses are usable. */
  private async onDiscovered (peerId: string, addrs: Multiaddr[]): Promise<void> {
    const node = this.node
    if (node == null || node.getConnections().some(c => c.remotePeer.toString() === peerId)) return
    const usable = this.policy.filter(addrs).filter(ma => !ma.toString().includes('/p2p-circuit'))
    if (usable.length === 0) return
    try {
      await node.dial(usable.map(ma => ma.toString().includes('/p2p/') ? ma : ma.encapsulate(`/p2p/${peerId}`)), { signal: AbortSignal.timeout(DISCOVERED_DIAL_TIMEOUT) })
    } catch (err) {
      logger('dialing discovered peer %s failed: %s', peerId, (err as Error).message)
    }
  }

  private count (peer: string, bytesIn: number, bytesOut: number): void {
    let c = this.counters.get(peer)
    if (c == null) this.counters.set(peer, c = { bytesIn: 0, bytesOut: 0 })
    c.bytesIn += bytesIn
    c.bytesOut += bytesOut
  }

  private emitStats (): void {
    this.emit({ kind: 'stats', bytesIn: this.inMeter.total, bytesOut: this.outMeter.total, rateIn: this.inMeter.rate(), rateOut: this.outMeter.rate(), at: Date.now() })
  }

  private emitShare (root: string): void {
    if (this.library?.has(root) !== true) return
    const key = `share:${root}`
    this.throttled(key, 'seeding', () => {
      if (this.library?.has(root) === true) this.emit({ kind: 'share', share: this.library.view(root, this.linkFor) })
    })
  }

  private emitTransfer (t: Transfer): void {
    // The first verified chunk counts as a change of phase: a person sees progress begin at once.
    this.throttled(`transfer:${t.root}`, `${t.state}${t.started ? '+' : ''}`, () => { this.emit({ kind: 'transfer', transfer: t.view() }) })
  }

  /** Emits at most every EVENT_THROTTLE ms per key, but at once when `state` changed. */
  private throttled (key: string, state: string, send: () => void): void {
    const now = Date.now()
    const last = this.lastEmit.get(key)
    if (last == null || last.state !== state || now - last.at >= EVENT_THROTTLE) {
      clearTimeout(last?.timer)
      this.lastEmit.set(key, { at: now, state })
      send()
      return
    }
    if (last.timer != null) return
    last.timer = setTimeout(() => {
      last.timer = undefined
      last.at = Date.now()
      send()
    }, EVENT_THROTTLE - (now - last.at))
  }

  /** A link to a root carrying this node's best addresses. */
  private readonly linkFor = (root: string, name: string, size: number): string => {
    const addrs = rankAddresses(this.node?.getMultiaddrs() ?? []).slice(0, LINK_ADDRESSES)
    return formatLink({ root, name, size, peers: addrs.map(ma => ma.toString()) })
  }

  private transferComponents (): TransferComponents {
    const node = this.node!
    return {
      dialer: node,
      finder: this.finder!,
      store: this.store!,
      downloadLimiter: this.downloadLimiter,
      onChange: t => this.emitTransfer(t),
      onReceived: (peer, bytes) => {
        this.count(peer, bytes, 0)
        this.inMeter.add(bytes)
      },
      onServable: source => {
        this.library!.setPartial(source)
        this.announcer!.add(source.root)
      },
      onUnservable: root => {
        this.library!.removePartial(root)
        if (!this.library!.has(root)) this.announcer!.remove(root)
      },
      onDone: async (t, manifest, bytes, finalPath) => {
        // Part of a share is not the share: only complete downloads are seeded on.
        if (t.selectedFiles != null) return
        await this.library!.addDownloaded(manifest, bytes, t.root, finalPath)
        this.announcer!.add(t.root)
        this.emitShare(t.root)
      }
    }
  }

  /** Restores persisted transfers; those that were running resume. */
  private async loadTransfers (): Promise<void> {
    for (const record of await this.store!.listJson<TransferRecord>('transfer/')) {
      const t = new Transfer(this.transferComponents(), { root: record.root, outDir: record.outDir, linkPeers: record.linkPeers }, record)
      await t.load()
      this.transfers.set(record.root, t)
      if (record.state === 'finding-peers' || record.state === 'downloading' || record.state === 'verifying') t.start()
    }
  }

  private requireRunning (): void {
    if (!this.running) throw new BadRequestError('PeerShare is not running.')
  }

  private transfer (id: unknown): Transfer {
    const t = typeof id === 'string' ? this.transfers.get(id) : undefined
    if (t == null) throw new NotFoundError(`No download with id ${String(id).slice(0, 100)}.`)
    return t
  }

  /** Parses a link fully: shape (shared/link.ts), then the CID and every multiaddr. */
  private checkLink (link: unknown): ReturnType<typeof parseLink> {
    const info = parseLink(link as string)
    try {
      CID.parse(info.root)
    } catch {
      throw new InvalidLinkError(`The link's root "${info.root.slice(0, 80)}" is not a valid CID.`)
    }
    for (const p of info.peers) {
      try {
        multiaddr(p)
      } catch {
        throw new InvalidLinkError(`The link's peer address "${p.slice(0, 120)}" is not a valid multiaddr.`)
      }
    }
    return info
  }

  private async download (req: ApiRequest<'download'>): Promise<TransferView> {
    this.requireRunning()
    const info = this.checkLink(req?.link)
    const existing = this.transfers.get(info.root)
    if (existing != null) {
      existing.addLinkPeers(info.peers)
      if (existing.state === 'failed' || existing.state === 'paused') existing.start()
      return existing.view()
    }
    if (req.outDir != null && typeof req.outDir !== 'string') throw new BadRequestError('outDir must be a path.')
    const files = checkPicks(req.files)
    const outDir = path.resolve(req.outDir ?? this.settings!.current.downloadDir)
    const t = new Transfer(this.transferComponents(), { root: info.root, name: info.name, size: info.size, outDir, linkPeers: info.peers, files })
    this.transfers.set(info.root, t)
    t.start()
    return t.view()
  }

  /** The manifest of a link's share: from a download or share of ours, else from the first peer that has it. */
  private async lookup (req: ApiRequest<'lookup'>): Promise<ShareInfoView> {
    this.requireRunning()
    const info = this.checkLink(req?.link)
    const local = this.transfers.get(info.root)?.knownManifest() ?? this.library!.manifestOf(info.root)
    if (local != null) return shareInfoOf(info.root, local, 1)
    const found = await lookupManifest({ finder: this.finder!, dialer: this.node! }, CID.parse(info.root), info.peers, {
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT),
      searchDht: routingTableOf(this.node!.services.dht).some(b => b.peers.length > 0)
    })
    return shareInfoOf(info.root, found.manifest, found.providers)
  }

  private async health (): Promise<HealthView> {
    const node = this.node!
    const addrs = node.getMultiaddrs()
    const classes = addrs.map(classifyAddress)
    return {
      peerId: this.peerId,
      profile: path.basename(this.profileDir),
      network: this.init.network ?? DEFAULT_NETWORK,
      listenAddrs: this.listenAddrs(),
      announceAddrs: rankAddresses(addrs).map(ma => ma.toString()),
      reachability: classes.includes('direct') ? 'public' : classes.includes('lan') ? 'private' : classes.length > 0 ? 'loopback' : 'unknown',
      connections: node.getConnections().map(c => peerViewOf(c, this.counters.get(c.remotePeer.toString()))),
      dht: await this.dhtView(),
      bytesIn: this.inMeter.total,
      bytesOut: this.outMeter.total,
      rateIn: this.inMeter.rate(),
      rateOut: this.outMeter.rate(),
      startedAt: this.startedAt,
      shares: this.library!.roots().length,
      activeTransfers: [...this.transfers.values()].filter(t => t.active).length
    }
  }

  private async dhtView (): Promise<HealthView['dht']> {
    const dht = this.node!.services.dht
    const buckets = routingTableOf(dht)
    return {
      mode: dht.getMode(),
      protocol: dhtProtocol(this.init.network ?? DEFAULT_NETWORK),
      routingTableSize: buckets.reduce((n, b) => n + b.peers.length, 0),
      kBucketSize: dht.k,
      buckets,
      providerRecords: await providerRecordsOf(this.datastore!),
      announced: this.announcer!.states().map(s => ({ root: s.root, lastAnnouncedAt: s.lastAnnouncedAt, lastError: s.lastError }))
    }
  }

  private bindApi (): PeerShareApi {
    return {
      status: async () => { this.requireRunning(); return this.health() },
      shares: async () => { this.requireRunning(); return this.library!.views(this.linkFor) },
      share: async (req) => {
        this.requireRunning()
        if (typeof req?.path !== 'string' || req.path === '') throw new BadRequestError('share needs the path of a file or folder.')
        const record = await this.library!.share(req.path)
        this.announcer!.add(record.root)
        const view = this.library!.view(record.root, this.linkFor)
        this.emit({ kind: 'share', share: view })
        return view
      },
      unshare: async (req) => {
        this.requireRunning()
        await this.library!.unshare(req?.root)
        if (!this.transfers.has(req.root)) this.announcer!.remove(req.root)
        this.emit({ kind: 'share-removed', root: req.root })
        return { root: req.root }
      },
      transfers: async () => { this.requireRunning(); return [...this.transfers.values()].map(t => t.view()).sort((a, b) => b.startedAt - a.startedAt) },
      download: async (req) => this.download(req),
      pause: async (req) => {
        this.requireRunning()
        const t = this.transfer(req?.id)
        await t.pause()
        return t.view()
      },
      resume: async (req) => {
        this.requireRunning()
        const t = this.transfer(req?.id)
        t.start()
        return t.view()
      },
      cancel: async (req) => {
        this.requireRunning()
        const t = this.transfer(req?.id)
        this.transfers.delete(t.root)
        await t.cancel()
        this.emit({ kind: 'transfer-removed', id: t.root })
        return { id: t.root }
      },
      peers: async () => {
        this.requireRunning()
        return this.node!.getConnections().map(c => peerViewOf(c, this.counters.get(c.remotePeer.toString())))
      },
      dht: async () => { this.requireRunning(); return this.dhtView() },
      settings: async () => { this.requireRunning(); return this.settings!.view() },
      updateSettings: async (req) => {
        this.requireRunning()
        const view = await this.settings!.update(req)
        this.uploadLimiter.setRate(view.uploadLimit)
        this.downloadLimiter.setRate(view.downloadLimit)
        return view
      },
      inspectLink: async (req) => this.checkLink(req?.link),
      lookup: async (req) => this.lookup(req)
    }
  }
}

/** Builds an engine for a profile. */
export function createEngine (init: EngineInit): Engine {
  return new PeerShareEngine(init)
}

