/**
 * The profile's peer key: created once, on first start, and read at every
 * start after, so a profile keeps its PeerId (and the links it gave out
 * keep working) across restarts.
 */
import { readFile } from 'node:fs/promises'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import { isFileExists, writeFileAtomic } from './atomic-write.js'
import { profilePath } from './layout.js'
import type { PrivateKey } from '@libp2p/interface'

/** The peer key file cannot be read: PeerShare will not silently make a new identity in its place. */
export class PeerKeyError extends Error {
  readonly code = 'internal'
  constructor (file: string, cause: unknown) {
    super(`The peer key in ${file} is unreadable (${(cause as Error)?.message ?? String(cause)}); move it away to get a new identity.`, { cause })
    this.name = 'PeerKeyError'
  }
}

/** Loads the profile's peer key, creating an Ed25519 key on first use. */
export async function loadOrCreatePeerKey (profileDir: string): Promise<PrivateKey> {
  const file = profilePath(profileDir, 'key')
  const existing = await readKey(file)
  if (existing != null) return existing
  const key = await generateKeyPair('Ed25519')
  try {
    await writeFileAtomic(file, privateKeyToProtobuf(key), { exclusive: true })
  } catch (err) {
    // Another process created it first: its key is the profile's.
    if (isFileExists(err)) return await readKey(file) ?? key
    throw err
  }
  return key
}

/** The profile's peer key, or null when it has none yet (nothing is created). */
export async function readPeerKey (profileDir: string): Promise<PrivateKey | null> {
  return await readKey(profilePath(profileDir, 'key'))
}

async function readKey (file: string): Promise<PrivateKey | null> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new PeerKeyError(file, err)
  }
  try {
    return privateKeyFromProtobuf(bytes)
  } catch (err) {
    throw new PeerKeyError(file, err)
  }
}
