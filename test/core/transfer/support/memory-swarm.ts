/**
 * The downloader's side of in-process transfer tests: a dialer that joins
 * its streams to memory peers (memory-peer.ts), a provider finder over a
 * stand-in node, and a real store in a temp folder; plus helpers to build
 * and watch transfers on it.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { ProviderFinder, type ProviderFinderComponents } from '../../../../electron/core/discovery/provider-finder.js'
import { Store, type StoreInit } from '../../../../electron/core/library/store.js'
import { AddressPolicy } from '../../../../electron/core/node/address-policy.js'
import { RateLimiter } from '../../../../electron/core/util/rate-limiter.js'
import { Transfer, type TransferComponents, type TransferInit } from '../../../../electron/core/transfer/transfer.js'
import { waitFor } from '../../../support/wait.js'
import type { TransferView } from '../../../../shared/index.js'
import type { Dialer } from '../../../../electron/core/protocol/client.js'
import { MemoryPeer, type MemoryPeerInit, type MemoryShare } from './memory-peer.js'
import type { AbortOptions, PeerId, Stream } from '@libp2p/interface'

export { memoryShare, MemoryPeer, type MemoryShare } from './memory-peer.js'

/** The downloader's side: a dialer reaching the memory peers, a finder, and a store in a temp folder. */
export class MemorySwarm implements Dialer {
  readonly self: PeerId
  readonly finder: ProviderFinder
  readonly store: Store
  readonly dir: string
  /** Peers reported as connected. */
  connected: PeerId[] = []
  /** Peers the DHT reports as providers. */
  providers: PeerId[] = []
  /** Makes recording link addresses in the peer store fail. */
  peerStoreFails = false
  /** Every dial, as `peer protocol`. */
  readonly dials: string[] = []
  private readonly peers = new Map<string, MemoryPeer>()
  private readonly transfers: Transfer[] = []

  private constructor (self: PeerId, dir: string, makeStore: (init: StoreInit) => Store) {
    this.self = self
    this.dir = dir
    this.store = makeStore({ path: path.join(dir, 'store') })
    const providers = (): PeerId[] => this.providers
    const node = {
      peerId: self,
      getConnections: () => this.connected.map(remotePeer => ({ remotePeer })),
      peerStore: {
        merge: async () => { if (this.peerStoreFails) throw new Error('the peer store is closed') }
      }
    }
    const dht = {
      findProviders: async function * () { for (const id of providers()) yield { id, multiaddrs: [] } }
    }
    this.finder = new ProviderFinder({ node: node as unknown as ProviderFinderComponents['node'], dht, policy: new AddressPolicy() })
  }

  /** A swarm in a new temp folder; `makeStore` builds its store (default: a plain Store). */
  static async create (makeStore: (init: StoreInit) => Store = init => new Store(init)): Promise<MemorySwarm> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'peershare-memory-swarm-'))
    const swarm = new MemorySwarm(await newPeerId(), dir, makeStore)
    await swarm.store.start()
    return swarm
  }

  /** The download folder. */
  get outDir (): string {
    return path.join(this.dir, 'out')
  }

  async addPeer (share: MemoryShare, init?: MemoryPeerInit): Promise<MemoryPeer> {
    const peer = new MemoryPeer(await newPeerId(), share, init)
    await peer.start()
    this.peers.set(peer.key, peer)
    return peer
  }

  async dialProtocol (peer: PeerId, protocols: string | string[], options: AbortOptions = {}): Promise<Stream> {
    const protocol = Array.isArray(protocols) ? protocols[0] : protocols
    this.dials.push(`${peer.toString()} ${protocol}`)
    const target = this.peers.get(peer.toString())
    if (target == null) throw new Error(`no route to ${peer.toString()}`)
    return target.accept(this.self, protocol, options)
  }

  /** What a transfer needs, on this swarm; every view it reports is kept in `views`. */
  components (overrides: Partial<TransferComponents> = {}): TransferComponents & { views: TransferView[] } {
    const views: TransferView[] = []
    return {
      dialer: this,
      finder: this.finder,
      store: this.store,
      downloadLimiter: new RateLimiter(),
      onChange: t => { views.push(t.view()) },
      onReceived: () => {},
      onServable: () => {},
      onDone: async () => {},
      onUnservable: () => {},
      ...overrides,
      views
    }
  }

  /** A new transfer of `share` from the link addresses of `peers`. */
  transfer (share: MemoryShare, peers: readonly MemoryPeer[], components = this.components(), init: Partial<TransferInit> = {}): Transfer {
    return this.track(new Transfer(components, { root: share.root, outDir: this.outDir, linkPeers: peers.map(p => p.link), ...init }))
  }

  /** A transfer to halt when the swarm stops. */
  track (t: Transfer): Transfer {
    this.transfers.push(t)
    return t
  }

  async stop (): Promise<void> {
    await Promise.all(this.transfers.map(async t => t.halt()))
    await Promise.all([...this.peers.values()].map(async p => p.stop()))
    await this.store.stop()
    await fs.rm(this.dir, { recursive: true, force: true })
  }
}

async function newPeerId (): Promise<PeerId> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
}

/** Waits until the transfer's view passes `check`; returns that view. */
export async function viewWhen (t: Transfer, what: string, check: (v: TransferView) => boolean, timeoutMs = 10_000): Promise<TransferView> {
  return waitFor(() => { const v = t.view(); return check(v) ? v : undefined }, { what, timeoutMs, intervalMs: 10, diagnose: () => summary(t.view()) })
}

/** The view without its long lists, for failure messages. */
export function summary (v: TransferView): unknown {
  return { ...v, files: v.files.length, peers: v.peers.map(p => ({ ...p, peerId: p.peerId.slice(-6) })) }
}

/** Gives each test of the suite a fresh swarm, stopped (with its transfers) after the test. */
export function swarmPerTest (makeStore?: (init: StoreInit) => Store): () => MemorySwarm {
  let swarm: MemorySwarm | undefined
  beforeEach(async () => { swarm = await MemorySwarm.create(makeStore) })
  afterEach(async () => {
    await swarm?.stop()
    swarm = undefined
  })
  return () => {
    if (swarm == null) throw new Error('the swarm exists only during a test')
    return swarm
  }
}

/** from, from + 1, …, to - 1. */
export function range (from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i)
}

/** Checks that a done transfer's file holds exactly the shared bytes. */
export async function assertSameBytes (done: TransferView, share: MemoryShare): Promise<void> {
  assert.ok(done.path != null, 'a done transfer has a path')
  assert.ok((await fs.readFile(done.path)).equals(share.data), 'the file holds exactly the shared bytes')
}
