/**
 * A transfer as the profile's store keeps it, for a person reading the
 * profile while no node runs (`peershare ls`): its record, its manifest and
 * its verified chunks, with nothing started. Also which files of a finished
 * download are no longer where it put them, which the running transfer
 * looks at too.
 */
import { decodeManifest, type Manifest } from '../content/manifest.js'
import { filesOf } from '../content/selection.js'
import { missingFinalFiles } from '../library/file-presence.js'
import { storeKeys } from '../library/store-keys.js'
import { Bitfield } from '../util/bitfield.js'
import { transferView } from './transfer-view.js'
import { Wanted } from './wanted.js'
import type { TransferRecord } from './transfer-record.js'
import type { Store } from '../library/store.js'
import type { TransferView } from '../../../shared/index.js'

/** Once done: the picked files that are not where the download put them (absolute paths); otherwise none. */
export async function missingAfterDone (record: Readonly<TransferRecord>, manifest: Manifest | undefined): Promise<string[]> {
  if (record.state !== 'done' || manifest == null || record.path == null) return []
  return await missingFinalFiles(manifest, record.path, filesOf(manifest, record.files))
}

/** The view of a stored transfer: nothing moves, so its speed is zero and it has no peers. */
export async function storedTransferView (store: Pick<Store, 'getBytes'>, record: TransferRecord): Promise<TransferView> {
  const bytes = await store.getBytes(storeKeys.manifest(record.root))
  if (bytes == null) return transferView(record)
  const manifest = decodeManifest(bytes)
  const verified = new Bitfield(manifest.chunkCount, await store.getBytes(storeKeys.bits(record.root)))
  const snapshot = {
    manifest,
    wanted: new Wanted(manifest, record.files, record.kept),
    verified,
    rate: 0,
    peers: [],
    bannedPeers: [],
    chunksResumed: 0,
    chunksFetched: 0,
    badChunks: 0
  }
  return transferView(record, snapshot, 0, await missingAfterDone(record, manifest))
}
