/**
 * A profile no node runs for, as its files say: its identity, its saved
 * settings, what it shares (missing files found as a running node would)
 * and its downloads, with no node started and nothing written. What a
 * person reads with `peershare status` or `ls` while PeerShare is not
 * running: asking should not make a node join the network.
 */
import { access } from 'node:fs/promises'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { ProfileSettings } from '../config/index.js'
import { DEFAULT_CHUNK_SIZE } from '../defaults.js'
import { Library } from '../library/library.js'
import { Store } from '../library/store.js'
import { storePrefixes } from '../library/store-keys.js'
import { profileExists, profilePath, ProfileNotFoundError, readPeerKey } from '../profile/index.js'
import { storedTransferView } from '../transfer/stored-view.js'
import { linkFor } from './links.js'
import type { SettingsValues, ShareView, TransferView } from '../../../shared/index.js'
import type { TransferRecord } from '../transfer/transfer-record.js'

/** What a profile holds while no node runs for it. */
export interface ProfileAtRest {
  readonly profileDir: string
  /** Its PeerId, or null when it has never run (no peer key yet). */
  readonly peerId: string | null
  /** Its saved settings over the defaults: what a start without options uses. */
  readonly settings: SettingsValues
  /** Its shares, newest first; links carry no addresses (no node listens). */
  readonly shares: readonly ShareView[]
  /** Its downloads, newest first, as they were when its node stopped. */
  readonly transfers: readonly TransferView[]
}

/**
 * Reads a profile without starting anything. Throws ProfileNotFoundError
 * when there is none at `profileDir`, ProfileNotFolderError when the path
 * is a file, and ProfileInUseError when a node holds it after all.
 */
export async function readProfileAtRest (profileDir: string): Promise<ProfileAtRest> {
  if (!await profileExists(profileDir)) throw new ProfileNotFoundError(profileDir)
  const key = await readPeerKey(profileDir)
  const peerId = key == null ? null : peerIdFromPrivateKey(key).toString()
  const settings = (await ProfileSettings.load(profileDir)).current
  const storePath = profilePath(profileDir, 'store')
  // A profile that never stored anything has no store yet: nothing shared, nothing downloaded.
  if (!await access(storePath).then(() => true, () => false)) return { profileDir, peerId, settings, shares: [], transfers: [] }
  const store = new Store({ path: storePath, existingOnly: true })
  await store.start()
  try {
    const library = new Library({ store }, { chunkSize: DEFAULT_CHUNK_SIZE })
    await library.load()
    const shares = library.views((root, name, size) => linkFor([], root, name, size))
    await library.close()
    const records = await store.listJson<TransferRecord>(storePrefixes.transfer)
    const transfers = (await Promise.all(records.map(async r => await storedTransferView(store, r)))).sort((a, b) => b.startedAt - a.startedAt)
    return { profileDir, peerId, settings, shares, transfers }
  } finally {
    await store.stop()
  }
}
