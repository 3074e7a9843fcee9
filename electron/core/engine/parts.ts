/**
 * What a running engine is made of, built in order by `startParts` and
 * undone in reverse by `stop()`. Every part exists for as long as the engine
 * runs, so nothing that uses them checks whether they are there. If a step
 * of the start fails, the steps before it are undone and the error thrown.
 */
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { DEFAULT_CHUNK_SIZE } from '../defaults.js'
import { ShareKeys } from '../access/share-keys.js'
import { LanSightings } from '../devices/index.js'
import { Announcer } from '../discovery/announcer.js'
import { ProviderFinder } from '../discovery/provider-finder.js'
import { ShareAnnouncements } from '../discovery/share-announcements.js'
import { LookupLog, RoutingWatch } from '../inspect/index.js'
import { Library } from '../library/library.js'
import { Store } from '../library/store.js'
import { BlockStore } from '../library/block-store.js'
import { log } from '../logger.js'
import { AddressPolicy } from '../node/address-policy.js'
import { createNode, type PeerShareNode } from '../node/create-node.js'
import { probeNat, stunTargets as natStunTargets } from '../node/nat-probe.js'
import { ensureProfileDir, loadOrCreatePeerKey, profilePath } from '../profile/index.js'
import { ProtocolServer } from '../protocol/server.js'
import { FilePool } from '../util/file-pool.js'
import { RateLimiter } from '../util/rate-limiter.js'
import { DirectUpgrade } from './direct-upgrade.js'
import { peerViewOf } from './health-views.js'
import { linkFor, type LinkMaker } from './links.js'
import { startDevices, type DeviceParts } from './device-parts.js'
import { PathDialer } from './path-dialer.js'
import { PeerDialer } from './peer-dialer.js'
import { reachConfig } from './reach-config.js'
import { Reachability } from './reachability.js'
import { RelayKeeper } from './relay-keeper.js'
import { FileWatch } from './file-watch.js'
import { EngineSettings } from './settings.js'
import { Traffic } from './traffic.js'
import { ShareJobs } from './share-jobs.js'
import { TransferRegistry } from './transfer-registry.js'
import type { EventHub } from './event-hub.js'
import type { KadAdapter } from '../node/kad.js'
import type { EngineInit } from '../types.js'

const logger = log('engine')

export interface EngineParts {
  readonly profileDir: string
  readonly network: string
  /** When the engine finished starting, ms since the epoch. */
  readonly startedAt: number
  readonly settings: EngineSettings
  readonly library: Library
  /** Which roots are private, with their secrets. */
  readonly access: ShareKeys
  readonly node: PeerShareNode
  readonly kad: KadAdapter
  /** The DHT lookups made lately, as traces. */
  readonly lookups: LookupLog
  /** The routing table's additions and removals. */
  readonly routingWatch: RoutingWatch
  /** libp2p's and kad-dht's metrics, Prometheus text. */
  metricsText(): Promise<{ contentType: string, text: string }>
  readonly finder: ProviderFinder
  /** Opens streams on each peer's best path, and says why a peer cannot be reached. */
  readonly paths: PathDialer
  readonly reachability: Reachability
  readonly announcer: Announcer
  readonly dialer: PeerDialer
  readonly transfers: TransferRegistry
  readonly shareJobs: ShareJobs
  readonly traffic: Traffic
  readonly events: EventHub
  /** Nearby and paired devices, their names, offers and pairing. */
  readonly devices: DeviceParts
  /** A share's link, with this node's addresses as they are now. */
  readonly linkFor: LinkMaker
  /** A share's view changed: listeners hear of it (throttled). */
  shareChanged(root: string): void
  /** Something started or stopped serving `root`: it is announced while served, withdrawn once not. */
  servingChanged(root: string): Promise<void>
  /** Undoes the start, last step first. */
  stop(): Promise<void>
}

type Undo = () => Promise<void> | void

/** Starts every part of an engine for `init`; `events` is the engine's hub, which outlives the parts. */
export async function startParts (init: EngineInit, events: EventHub): Promise<EngineParts> {
  const undo: Undo[] = [() => { events.clear() }]
  try {
    const profileDir = await ensureProfileDir(init.profileDir)
    const uploadLimiter = new RateLimiter()
    const downloadLimiter = new RateLimiter()
    const settings = await EngineSettings.load({ uploadLimiter, downloadLimiter }, profileDir, init)
    const reach = reachConfig(settings.current, init)
    const network = reach.network

    const store = new Store({ path: profilePath(profileDir, 'store') })
    await store.start()
    undo.push(async () => { await store.stop() })

    const privateKey = await loadOrCreatePeerKey(profileDir)
    const access = new ShareKeys({ store, self: peerIdFromPrivateKey(privateKey).toString() })
    await access.load()
    // One pool of open files for every share and download: descriptors stay bounded whatever their number of files.
    const filePool = new FilePool()
    const blocks = new BlockStore({ store })
    const library = new Library({ store, access, filePool, blocks }, { chunkSize: init.chunkSize ?? DEFAULT_CHUNK_SIZE })
    undo.push(async () => { await library.close() })
    await library.load()

    const policy = new AddressPolicy({ publicOnly: reach.publicNetwork })
    policy.allow(reach.bootstrap)
    policy.allow(reach.relays)
    let self = ''
    const lookups = new LookupLog({ self: () => self })
    const sightings = new LanSightings()
    const { node, kad, metricsText } = await createNode({
      onLanPeer: peerId => { sightings.saw(peerId) },
      privateKey,
      listen: settings.current.listen,
      announce: reach.announce,
      network,
      mdns: settings.current.mdns,
      policy,
      reach: reach.node,
      relay: reach.relay,
      dhtClient: init.transient,
      lookups
    })
    undo.push(async () => { await node.stop() })
    self = node.peerId.toString()
    const routingWatch = new RoutingWatch({ kad, node })
    routingWatch.start()
    undo.push(() => { routingWatch.stop() })
    policy.updateOwnAddresses(node.getMultiaddrs())
    node.addEventListener('self:peer:update', () => { policy.updateOwnAddresses(node.getMultiaddrs()) })

    // Reach: how others reach this node, relays while behind a NAT, and direct paths instead of relayed ones.
    const stunTargets = reach.node == null ? [] : natStunTargets(reach.stun)
    const reachability = new Reachability({
      node,
      kad,
      probeNat: stunTargets.length === 0 ? undefined : async options => await probeNat(stunTargets, options)
    }, { stun: reach.stun, publicNetwork: reach.publicNetwork, upnp: reach.node?.upnp ?? false, dhtClient: init.transient })
    reachability.start()
    undo.push(async () => { await reachability.stop() })
    const upgrade = reach.node == null ? undefined : new DirectUpgrade({ node })
    upgrade?.start()
    undo.push(() => { upgrade?.stop() })
    const reachControl = node.services.reach
    const relays = reachControl == null
      ? undefined
      : new RelayKeeper({
        node,
        reach: reachControl,
        needsRelays: () => needsRelays(reachability.current, reach.relays.length > 0, reach.relaysNamed)
      }, { configured: reach.relays, searchNetwork: reach.publicNetwork })
    relays?.start()
    undo.push(() => { relays?.stop() })
    const paths = new PathDialer({ node, upgrade, hasRelays: () => reach.relays.length > 0 || (relays?.reserved().size ?? 0) > 0 })

    const traffic = new Traffic({ events })
    node.addEventListener('connection:open', evt => {
      const c = evt.detail
      events.emit({ kind: 'peer-connected', peer: peerViewOf(c, traffic.of(c.remotePeer.toString())) })
    })
    node.addEventListener('peer:disconnect', evt => { events.emit({ kind: 'peer-disconnected', peerId: evt.detail.toString() }) })

    const links: LinkMaker = (root, name, size) => linkFor(node.getMultiaddrs(), root, name, size, access.secretOf(root))
    const shareChanged = (root: string): void => {
      const state = library.state(root)
      if (state == null) return
      events.throttled(`share:${root}`, state, () => library.has(root) ? { kind: 'share', share: library.view(root, links) } : undefined)
    }
    library.onChange = shareChanged

    const decorate = init.chunkSourceDecorator
    const server = new ProtocolServer({
      registrar: node,
      sources: decorate == null ? library : { get: root => { const source = library.get(root); return source == null ? undefined : decorate(source) } },
      access,
      uploadLimiter,
      onServed: (root, peer, bytes) => {
        library.countServed(root, peer, bytes)
        traffic.served(peer, bytes)
        shareChanged(root)
      }
    })
    await server.start()
    undo.push(async () => { await server.stop() })

    const announcer = new Announcer({ routing: kad })
    announcer.start()
    undo.push(() => { announcer.stop() })
    const announcements = new ShareAnnouncements({ announcer, dhtKeyOf: root => access.dhtKeyOf(root) })
    // What this node offers is announced, a private share under its locator (a transient node announces nothing: it is gone soon).
    const servingChanged = async (root: string): Promise<void> => {
      await announcements.update(root, library.offers(root) && init.transient !== true)
    }
    for (const root of library.roots()) await servingChanged(root)

    const dialer = new PeerDialer({ node, policy }, { bootstrap: reach.bootstrap })
    dialer.start()
    undo.push(() => { dialer.stop() })
    traffic.start()
    undo.push(() => { traffic.stop() })

    // Accepted offers become downloads: the registry is built below and only asked for once an offer is accepted.
    const devices = await startDevices({ node, store, settings, events, sightings, transfers: () => transfers })
    undo.push(async () => { await devices.stop() })

    const finder = new ProviderFinder({ node, dht: kad, policy, dhtPeers: () => kad.routingTableSize() })
    const transfers = new TransferRegistry({
      dialer: paths,
      finder,
      paths: { pathOf: peer => paths.pathOf(peer), explain: async (peer, err) => await paths.explain(peer, err) },
      store,
      downloadLimiter,
      library,
      access,
      traffic,
      events,
      servingChanged: root => { void servingChanged(root) },
      shareChanged,
      partialOwner: partialOwnerOf(node.peerId.toString()),
      isolated: () => dialer.isolated(),
      filePool,
      blocks
    })
    undo.push(async () => { await transfers.stop() })
    await transfers.start()

    const files = new FileWatch({ library, transfers, servingChanged })
    files.start()
    undo.push(async () => { await files.stop() })

    const shareJobs = new ShareJobs({ library, events, linkFor: links, servingChanged })
    undo.push(async () => { await shareJobs.stop() })

    return {
      profileDir,
      network,
      startedAt: Date.now(),
      settings,
      library,
      access,
      node,
      kad,
      lookups,
      routingWatch,
      metricsText,
      finder,
      paths,
      reachability,
      announcer,
      dialer,
      transfers,
      shareJobs,
      traffic,
      events,
      devices,
      linkFor: links,
      shareChanged,
      servingChanged,
      stop: async () => { await unwind(undo) }
    }
  } catch (err) {
    await unwind(undo)
    throw err
  }
}

/** A short, stable tag of this profile for its partial folders: the end of its peer id. */
function partialOwnerOf (peerId: string): string {
  return peerId.slice(-12)
}

/**
 * Whether a node needs relay reservations: behind a NAT (or not known yet),
 * on a LAN for now with relays configured (it meets them soon), or on
 * loopback with relays named: nothing there tells whether others can dial
 * it (a lab's proxy may play a home router), so it takes the relay it was
 * given.
 */
function needsRelays (r: Reachability['current'], configured: boolean, named: boolean): boolean {
  switch (r) {
    case 'public':
      return false
    case 'loopback':
      return named
    case 'lan':
      return configured
    default:
      return true
  }
}

/** Runs the undo steps last first; one that fails is logged and the rest still run. */
async function unwind (undo: Undo[]): Promise<void> {
  for (const step of undo.splice(0).reverse()) {
    try {
      await step()
    } catch (err) {
      logger.error('stopping a part failed: %e', err)
    }
  }
}
