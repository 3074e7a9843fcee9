/**
 * Which of this node's roots are private, and with what secret: the shares
 * it made private and the private links it downloaded through, persisted in
 * the profile's store. Everything that decides who may see a root asks here:
 * the protocol server (does this request carry the proof?), the announcer
 * (under which DHT key?) and the downloads (which proof to show?). A root
 * with no key here is public.
 */
import { CID } from 'multiformats/cid'
import { storeKeys, storePrefixes } from '../library/store-keys.js'
import { log } from '../logger.js'
import { timingSafeEqual } from 'node:crypto'
import { locatorOf, proofFor, proofKeyOf } from './share-secret.js'
import type { Store } from '../library/store.js'
import type { PeerId } from '@libp2p/interface'

const logger = log('access')

/** What the store keeps per private root. */
export interface ShareKeyRecord {
  readonly root: string
  readonly secret: string
  readonly since: number
}

/** Makes the proof a request to `server` carries; undefined for a public share. */
export type Prover = (server: PeerId) => Uint8Array | undefined

interface Key {
  readonly record: ShareKeyRecord
  readonly proofKey: Uint8Array
  readonly locator: CID
  /**
   * The proof each requester owes this node, by PeerId, worked out once: a
   * chunk stream carries a proof in every request, and an HMAC costs tens of
   * microseconds to set up (bench/access.ts) where a lookup costs nothing.
   */
  readonly expected: Map<string, Uint8Array>
}

/** Requesters whose expected proof is remembered, per private root; the oldest is forgotten past it. */
const MAX_EXPECTED = 1024

export interface ShareKeysComponents {
  store: Pick<Store, 'listJson' | 'putJson' | 'del'>
  /** This node's PeerId, as a string. */
  self: string
}

/** The prover for a share given its secret, on behalf of `self`. */
export function proverOf (secret: string, root: CID, self: string): Prover {
  const key = proofKeyOf(secret, root)
  return server => proofFor(key, self, server.toString())
}

export class ShareKeys {
  private readonly components: ShareKeysComponents
  private readonly keys = new Map<string, Key>()

  constructor (components: ShareKeysComponents) {
    this.components = components
  }

  /** Reads every key from the store. */
  async load (): Promise<void> {
    for (const record of await this.components.store.listJson<ShareKeyRecord>(storePrefixes.shareKey)) {
      try {
        this.keys.set(record.root, keyOf(record))
      } catch (err) {
        logger.error('ignoring the unreadable key of %s: %s', record.root, (err as Error).message)
      }
    }
    logger('loaded %d private roots', this.keys.size)
  }

  /** Makes `root` private under `secret` (a new share, a rotation, or a private link downloaded). */
  async set (root: string, secret: string): Promise<void> {
    const record: ShareKeyRecord = { root, secret, since: Date.now() }
    const key = keyOf(record)
    await this.components.store.putJson(storeKeys.shareKey(root), record)
    this.keys.set(root, key)
  }

  /** Makes `root` public (or forgets it): no proof is asked for from now on. */
  async remove (root: string): Promise<void> {
    if (!this.keys.has(root)) return
    await this.components.store.del(storeKeys.shareKey(root))
    this.keys.delete(root)
  }

  /** The secret of a private root. */
  secretOf (root: string): string | undefined {
    return this.keys.get(root)?.record.secret
  }

  isPrivate (root: string): boolean {
    return this.keys.has(root)
  }

  /** The DHT key `root` is announced and looked up under: its locator when private, else the root itself. */
  dhtKeyOf (root: string): CID {
    return this.keys.get(root)?.locator ?? CID.parse(root)
  }

  /** The private root a locator stands for, when this node holds its secret. */
  rootOfLocator (locator: string): string | undefined {
    for (const [root, key] of this.keys) if (key.locator.toString() === locator) return root
    return undefined
  }

  /**
   * Whether `requester` may see `root`: always for a public root; for a
   * private one only with the proof it owes this node.
   */
  allows (root: string, requester: string, proof: Uint8Array): boolean {
    const key = this.keys.get(root)
    if (key == null) return true
    let expected = key.expected.get(requester)
    if (expected == null) {
      expected = proofFor(key.proofKey, requester, this.components.self)
      if (key.expected.size >= MAX_EXPECTED) key.expected.delete(key.expected.keys().next().value!)
      key.expected.set(requester, expected)
    }
    return proof.byteLength === expected.byteLength && timingSafeEqual(proof, expected)
  }

  /** The proofs this node shows for `root`, or undefined when it is public here. */
  proverFor (root: string): Prover | undefined {
    const key = this.keys.get(root)
    if (key == null) return undefined
    return server => proofFor(key.proofKey, this.components.self, server.toString())
  }
}

function keyOf (record: ShareKeyRecord): Key {
  const root = CID.parse(record.root)
  return { record, proofKey: proofKeyOf(record.secret, root), locator: locatorOf(record.secret, root), expected: new Map() }
}
