/**
 * Names that arrive in a manifest come from strangers. This module decides
 * which ones are acceptable and resolves them strictly inside a folder, so no
 * manifest can write outside the download folder.
 */
import path from 'node:path'
import { UnsafePathError } from '../errors.js'

/** Longest path inside a share, in characters. */
export const MAX_PATH_LENGTH = 4096
/** Longest single name, in characters (common filesystem limit). */
export const MAX_SEGMENT_LENGTH = 255

// Control characters, backslashes (Windows separators) and colons (drive letters, NTFS streams).
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const FORBIDDEN = /[\u0000-\u001f\u007f\\:]/

/** Throws UnsafePathError unless `p` is a relative '/'-separated path of plain names. */
export function checkSharePath (p: string): string[] {
  if (typeof p !== 'string' || p === '' || p.length > MAX_PATH_LENGTH) throw new UnsafePathError(String(p))
  if (p.startsWith('/') || /^[a-zA-Z]:/.test(p)) throw new UnsafePathError(p)
  const segments = p.split('/')
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || s.length > MAX_SEGMENT_LENGTH || FORBIDDEN.test(s)) throw new UnsafePathError(p)
  }
  return segments
}

/** Resolves a checked share path inside `base`; throws if the result would leave it. */
export function resolveInside (base: string, p: string): string {
  const segments = checkSharePath(p)
  const root = path.resolve(base)
  const target = path.resolve(root, ...segments)
  if (!target.startsWith(root + path.sep)) throw new UnsafePathError(p)
  return target
}
