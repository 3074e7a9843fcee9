/**
 * Reproducible identities for a lab: each instance's Ed25519 key is derived
 * from the lab's seed and the instance's index, and written as the
 * profile's peer key before its daemon first starts. The same seed gives the
 * same PeerIds, and so the same layout of the swarm in the DHT's XOR space.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateKeyPairFromSeed, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'

/**
 * The file the engine keeps its peer key in, inside a profile (a protobuf
 * PrivateKey). The engine reads it on start and creates it only when absent;
 * test/lab/peer-keys.test.ts checks that a daemon started on a profile
 * prepared here runs under the derived PeerId.
 */
export const PEER_KEY_FILE = 'peer-key'

/** A fresh seed for a lab started without --seed; printed, so the layout can be had again. */
export function randomSeed (): string {
  return randomBytes(6).toString('hex')
}

/** The 32-byte Ed25519 seed of instance `index` in a lab seeded with `seed`. */
export function instanceKeySeed (seed: string, index: number): Uint8Array {
  return createHash('sha256').update(`peershare-lab\0${seed}\0${index}`).digest()
}

/** The PeerId instance `index` of a lab seeded with `seed` has. */
export async function derivedPeerId (seed: string, index: number): Promise<string> {
  const key = await generateKeyPairFromSeed('Ed25519', instanceKeySeed(seed, index))
  return peerIdFromPrivateKey(key).toString()
}

/** Writes instance `index`'s derived key into `profileDir` (created if missing); returns its PeerId. */
export async function writeDerivedPeerKey (profileDir: string, seed: string, index: number): Promise<string> {
  const key = await generateKeyPairFromSeed('Ed25519', instanceKeySeed(seed, index))
  await mkdir(profileDir, { recursive: true, mode: 0o700 })
  await writeFile(join(profileDir, PEER_KEY_FILE), privateKeyToProtobuf(key), { mode: 0o600 })
  return peerIdFromPrivateKey(key).toString()
}
