/**
 * Every key of the profile's store, in one place. Each kind of record lives
 * under its own prefix followed by a share's root (or a device's PeerId), so listing a prefix gives
 * every record of that kind and no two kinds can collide.
 */

/** The prefix of each kind of record. */
export const storePrefixes = {
  /** A download's record (JSON TransferRecord). */
  transfer: 'transfer/',
  /** A download's verified chunks, as a bitfield. */
  bits: 'bits/',
  /** A download's manifest, as received. */
  manifest: 'manifest/',
  /** A share's record (JSON ShareRecord). */
  share: 'share/',
  /** A share's manifest. */
  shareManifest: 'share-manifest/',
  /** Blocks of a version-2 manifest (listing pages, pieces of chunk hashes), per root: `block/<root>/<digest hex>`. */
  block: 'block/',
  /** Blocks of a share still being hashed, per job: `staging/<job>/<digest hex>`; moved under the root once it is known. */
  staging: 'staging/',
  /** A private share's secret (JSON ShareKeyRecord), for a share or a download alike. */
  shareKey: 'share-key/',
  /** A paired device (JSON PairedDevice), by PeerId. */
  pairedDevice: 'paired-device/'
} as const

/** The key of each record of one root. */
export const storeKeys = {
  transfer: (root: string) => `${storePrefixes.transfer}${root}`,
  bits: (root: string) => `${storePrefixes.bits}${root}`,
  manifest: (root: string) => `${storePrefixes.manifest}${root}`,
  share: (root: string) => `${storePrefixes.share}${root}`,
  shareManifest: (root: string) => `${storePrefixes.shareManifest}${root}`,
  /** Every block of one root. */
  blocksOf: (root: string) => `${storePrefixes.block}${root}/`,
  block: (root: string, digestHex: string) => `${storePrefixes.block}${root}/${digestHex}`,
  stagingOf: (job: string) => `${storePrefixes.staging}${job}/`,
  shareKey: (root: string) => `${storePrefixes.shareKey}${root}`,
  pairedDevice: (peerId: string) => `${storePrefixes.pairedDevice}${peerId}`
} as const
