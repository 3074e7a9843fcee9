/**
 * Picking part of a share: a person ticks files (or folders) in a manifest's
 * listing and only their chunks are fetched. Chunks never straddle files, so
 * a selection is exactly the union of its files' chunk ranges.
 */
import { BadRequestError } from '../errors.js'
import { Bitfield } from '../util/bitfield.js'
import type { Manifest, ManifestFile } from './manifest.js'

/** Most paths one request may pick. */
export const MAX_PICKS = 10_000

/** Checks the shape of picked paths arriving over a wire; undefined or [] means "everything". */
export function checkPicks (picks: unknown): string[] | undefined {
  if (picks == null) return undefined
  if (!Array.isArray(picks) || picks.length > MAX_PICKS || !picks.every(p => typeof p === 'string' && p !== '' && p.length <= 4096)) {
    throw new BadRequestError(`files must be a list of at most ${MAX_PICKS} paths from the share's listing.`)
  }
  return picks.length === 0 ? undefined : [...new Set(picks as string[])]
}

/**
 * The files a selection covers: each pick names a file or a folder (every file
 * under it). Throws BadRequestError for a pick the manifest does not list.
 */
export function selectFiles (m: Manifest, picks: readonly string[]): ManifestFile[] {
  const chosen = new Set<ManifestFile>()
  for (const pick of picks) {
    const prefix = pick.endsWith('/') ? pick : `${pick}/`
    const matches = m.files.filter(f => f.path === pick || f.path.startsWith(prefix))
    if (matches.length === 0) throw new BadRequestError(`The share "${m.name}" has no file or folder "${pick.slice(0, 200)}".`)
    for (const f of matches) chosen.add(f)
  }
  return m.files.filter(f => chosen.has(f))
}

/** The files a selection covers, or every file of the share when nothing was picked. */
export function filesOf (m: Manifest, picks?: readonly string[]): ManifestFile[] {
  return picks == null ? [...m.files] : selectFiles(m, picks)
}

/**
 * Two selections together: everything when either is everything (undefined),
 * else every path of both, the first's in their order, then the second's new ones.
 */
export function mergePicks (a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | undefined {
  if (a == null || b == null) return undefined
  return [...new Set([...a, ...b])]
}

/** The chunks of some files, as a bitfield over the whole share. */
export function chunksOf (m: Manifest, files: readonly ManifestFile[]): Bitfield {
  const bits = new Bitfield(m.chunkCount)
  for (const f of files) for (let i = 0; i < f.chunkCount; i++) bits.set(f.firstChunk + i)
  return bits
}
