/**
 * What a running engine is made of, built in order by `startParts` and
 * undone in reverse by `stop()`. Every part exists for as long as the engine
 * runs, so nothing that uses them checks whether they are there. If a step
 * of the start fails, the steps before it are undone and the error thrown.
 */
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { DEFAULT_CHUNK_SIZE, DEFAULT_NETWORK } from '../defaults.js'
import { ShareKeys } from '../access/share-keys.js'
import { Announcer } from '../discovery/announcer.js'
import { ProviderFinder } from '../discovery/provider-finder.js'
import { ShareAnnouncements } from '../discovery/share-announcements.js'
import { LanSightings } from '../devices/index.js'
import { Library } from '../library/library.js'
import { Store } from '../library/store.js'
import { log } from '../logger.js'
import { AddressPolicy } from '../node/address-policy.js'
import { createNode, type PeerShareNode } from '../node/create-node.js'
import { ensureProfileDir, loadOrCreatePeerKey, profilePath } from '../profile/index.js'
import { ProtocolServer } from '../protocol/server.js'
import { RateLimiter } from '../util/rate-limiter.js'
import { peerViewOf } from './health-views.js'
import { linkFor, type LinkMaker } from './links.js'
import { startDevices, type DeviceParts } from './device-parts.js'
import { PeerDialer } from './peer-dialer.js'
import { EngineSettings } from './settings.js'
import { Traffic } from './traffic.js'
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
  readonly finder: ProviderFinder
  readonly announcer: Announcer
  readonly transfers: TransferRegistry
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
    const network = init.network ?? DEFAULT_NETWORK
    const uploadLimiter = new RateLimiter()
    const downloadLimiter = new RateLimiter()
    const settings = await EngineSettings.load({ uploadLimiter, downloadLimiter }, profileDir, init)

    const store = new Store({ path: profilePath(profileDir, 'store') })
    await store.start()
    undo.push(async () => { await store.stop() })

    const privateKey = await loadOrCreatePeerKey(profileDir)
    const access = new ShareKeys({ store, self: peerIdFromPrivateKey(privateKey).toString() })
    await access.load()
    const library = new Library({ store, access }, { chunkSize: init.chunkSize ?? DEFAULT_CHUNK_SIZE })
    undo.push(async () => { await library.close() })
    await library.load()

    const bootstrap = settings.current.bootstrap.map(s => multiaddr(s))
    const policy = new AddressPolicy()
    policy.allow(bootstrap)
    const sightings = new LanSightings()
    const { node, kad } = await createNode({
      onLanPeer: peerId => { sightings.saw(peerId) },
      privateKey,
      listen: settings.current.listen,
      announce: init.announce,
      network,
      mdns: settings.current.mdns,
      policy
    })
    undo.push(async () => { await node.stop() })
    policy.updateOwnAddresses(node.getMultiaddrs())
    node.addEventListener('self:peer:update', () => { policy.updateOwnAddresses(node.getMultiaddrs()) })

    const traffic = new Traffic({ events })
    node.addEventListener('connection:open', evt => {
      const c = evt.detail
      events.emit({ kind: 'peer-connected', peer: peerViewOf(c, traffic.of(c.remotePeer.toString())) })
    })
    node.addEventListener('peer:disconnect', evt => { events.emit({ kind: 'peer-disconnected', peerId: evt.detail.toString() }) })

    const links: LinkMaker = (root, name, size) => linkFor(node.getMultiaddrs(), root, name, size, access.secretOf(root))
    const shareChanged = (root: string): void => {
      if (!library.has(root)) return
      events.throttled(`share:${root}`, 'seeding', () => library.has(root) ? { kind: 'share', share: library.view(root, links) } : undefined)
    }
    library.onChange = shareChanged

    const server = new ProtocolServer({
      registrar: node,
      sources: library,
      access,
      uploadLimiter,
      onServed: (root, peer, bytes) => {
        library.countServed(root, peer, bytes)
        traffic.served(peer, bytes)
        shareChanged(root)
      }
    }, { misbehave: init.misbehave })
    await server.start()
    undo.push(async () => { await server.stop() })

    const announcer = new Announcer({ routing: kad })
    announcer.start()
    undo.push(() => { announcer.stop() })
    const announcements = new ShareAnnouncements({ announcer, dhtKeyOf: root => access.dhtKeyOf(root) })
    // A stale share still counts as served: it is announced until unshared.
    const servingChanged = async (root: string): Promise<void> => {
      await announcements.update(root, library.has(root) || library.get(root) != null)
    }
    for (const root of library.roots()) await servingChanged(root)

    const dialer = new PeerDialer({ node, policy }, { bootstrap })
    dialer.start()
    undo.push(() => { dialer.stop() })
    traffic.start()
    undo.push(() => { traffic.stop() })

    // Accepted offers become downloads: the registry is built below and only asked for once an offer is accepted.
    const devices = await startDevices({ node, store, settings, events, sightings, transfers: () => transfers })
    undo.push(async () => { await devices.stop() })

    const finder = new ProviderFinder({ node, policy })
    const transfers = new TransferRegistry({
      dialer: node,
      finder,
      store,
      downloadLimiter,
      library,
      access,
      traffic,
      events,
      servingChanged: root => { void servingChanged(root) },
      shareChanged,
      partialOwner: partialOwnerOf(node.peerId.toString())
    })
    undo.push(async () => { await transfers.stop() })
    await transfers.start()

    return {
      profileDir,
      network,
      startedAt: Date.now(),
      settings,
      library,
      access,
      node,
      kad,
      finder,
      announcer,
      transfers,
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
