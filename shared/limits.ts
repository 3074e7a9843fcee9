/**
 * What one share may hold: the one table of limits that a sharer checks
 * before it hashes anything and a downloader checks before it allocates
 * anything, and the words both use when something is past one. A sharer
 * refuses exactly what every downloader would refuse, with the same
 * sentence, so no share exists that nobody can download. README.md lists
 * these figures; change them here only together with the protocol.
 */

/** The limits of one share. */
export const SHARE_LIMITS = {
  /** Files in one share. */
  maxFiles: 100_000,
  /** Chunks in one share: its verified-chunk bitfield is at most 1 MiB (8 TiB at the default 1 MiB chunks). */
  maxChunks: 2 ** 23,
  /** Bytes in one share (1 PiB). */
  maxBytes: 2 ** 50,
  /** Smallest and largest chunk size, bytes. */
  minChunkSize: 16 * 1024,
  maxChunkSize: 4 * 1024 * 1024,
  /** Longest path inside a share, characters. */
  maxPathLength: 4096,
  /** Longest single name in a path, characters (what common filesystems allow). */
  maxNameLength: 255
} as const

/** The sentences a limit is refused with, sharer and downloader alike. */
export const limitMessages = {
  files: () =>
    `The share has more than ${SHARE_LIMITS.maxFiles.toLocaleString('en-US')} files; PeerShare shares and downloads at most ${SHARE_LIMITS.maxFiles.toLocaleString('en-US')} files in one share. Share its folders one by one.`,
  chunks: (chunkSize: number) =>
    `The share has more than ${SHARE_LIMITS.maxChunks.toLocaleString('en-US')} chunks of ${formatLimitBytes(chunkSize)} (${formatLimitBytes(SHARE_LIMITS.maxChunks * chunkSize)}); PeerShare shares and downloads at most that in one share. Share its parts one by one.`,
  bytes: () =>
    `The share holds more than ${formatLimitBytes(SHARE_LIMITS.maxBytes)}; PeerShare shares and downloads at most that in one share.`,
  chunkSize: (chunkSize: number) =>
    `The share's chunk size ${chunkSize} is outside ${SHARE_LIMITS.minChunkSize}..${SHARE_LIMITS.maxChunkSize} bytes.`
} as const

/** Sizes of the limits in words: binary units, whole when exact. */
function formatLimitBytes (bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`
}
