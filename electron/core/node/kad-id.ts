/**
 * Kademlia's keyspace arithmetic as PeerShare's inspector needs it: the
 * KAD-ID of a key or a peer (kad-dht hashes both with SHA-256: a root's
 * multihash bytes, a peer's multihash bytes), the bits two IDs share from
 * the top, and the log2 of their XOR distance. kad.ts checks once that
 * kad-dht still derives its own KAD-ID this way.
 */
import { createHash } from 'node:crypto'
import { peerIdFromString } from '@libp2p/peer-id'
import { CID } from 'multiformats/cid'
import type { PeerId } from '@libp2p/interface'

/** A KAD-ID: 32 bytes. */
export type KadId = Uint8Array

/** The KAD-ID of raw key bytes (a root's multihash, a peer's multihash). */
export function kadIdOf (key: Uint8Array): KadId {
  return new Uint8Array(createHash('sha256').update(key).digest())
}

/** The KAD-ID of a peer. */
export function kadIdOfPeer (peer: PeerId | string): KadId {
  const id = typeof peer === 'string' ? peerIdFromString(peer) : peer
  return kadIdOf(id.toMultihash().bytes)
}

/** A lookup target: a root CID or a PeerId, with the key bytes kad-dht is asked about. */
export interface DhtTarget {
  readonly kind: 'root' | 'peer'
  readonly text: string
  /** What kad-dht hashes: the CID's multihash bytes, or the peer's multihash bytes. */
  readonly key: Uint8Array
  readonly cid?: CID
  readonly peerId?: PeerId
}

/** Parses a root CID or a PeerId; undefined when it is neither. */
export function parseDhtTarget (text: string): DhtTarget | undefined {
  const trimmed = text.trim()
  try {
    const cid = CID.parse(trimmed)
    // A PeerId also parses as a CID (libp2p-key); a root is anything else.
    if (cid.code !== 0x72) return { kind: 'root', text: cid.toString(), key: cid.multihash.bytes, cid }
  } catch {}
  try {
    const peerId = peerIdFromString(trimmed)
    return { kind: 'peer', text: peerId.toString(), key: peerId.toMultihash().bytes, peerId }
  } catch {
    return undefined
  }
}

/** Leading bits two IDs share (256 when equal). */
export function commonPrefixLength (a: KadId, b: KadId): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i] ^ b[i]
    if (x !== 0) return i * 8 + Math.clz32(x) - 24
  }
  return n * 8
}

/** log2 of the XOR distance (0 to 256, fractional); -1 when the IDs are equal. */
export function log2Distance (a: KadId, b: KadId): number {
  const cpl = commonPrefixLength(a, b)
  const bits = Math.min(a.length, b.length) * 8
  if (cpl >= bits) return -1
  // The distance's top 48 bits from its first set bit on, as a fraction in [1, 2).
  let mantissa = 0
  for (let bit = cpl; bit < Math.min(bits, cpl + 48); bit++) {
    const byte = bit >> 3
    mantissa = mantissa * 2 + (((a[byte] ^ b[byte]) >> (7 - (bit & 7))) & 1)
  }
  const used = Math.min(bits, cpl + 48) - cpl
  return (bits - cpl - 1) + Math.log2(mantissa / 2 ** (used - 1))
}

/** XOR comparison: negative when `a` is closer to `key` than `b`. */
export function compareDistance (key: KadId, a: KadId, b: KadId): number {
  for (let i = 0; i < key.length; i++) {
    const d = (a[i] ^ key[i]) - (b[i] ^ key[i])
    if (d !== 0) return d
  }
  return 0
}

export function toHex (id: KadId): string {
  return Buffer.from(id).toString('hex')
}

/** A peer's place relative to a key. */
export interface Closeness {
  readonly peerId: string
  /** Bits its KAD-ID shares with the key's. */
  readonly cpl: number
  readonly log2Distance: number
}

/**
 * The peers ordered by XOR distance of their KAD-IDs from the key of
 * `target` (a root CID or a PeerId), closest first: the true closest peers
 * when `peers` is everyone (the lab's ground truth). Undefined when the
 * target is neither a root nor a PeerId.
 */
export function rankByDistance (target: string, peers: readonly string[]): { readonly kadId: string, readonly ranked: readonly Closeness[] } | undefined {
  const parsed = parseDhtTarget(target)
  if (parsed == null) return undefined
  const key = kadIdOf(parsed.key)
  const ranked = peers.map(peerId => ({ peerId, id: kadIdOfPeer(peerId) }))
    .sort((a, b) => compareDistance(key, a.id, b.id))
    .map(({ peerId, id }) => ({ peerId, cpl: commonPrefixLength(id, key), log2Distance: log2Distance(id, key) }))
  return { kadId: toHex(key), ranked }
}
