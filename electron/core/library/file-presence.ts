/**
 * Whether files PeerShare relies on are still where it left them: a shared
 * file where it was shared from, a downloaded file where the download put
 * it. People delete and move files; the library and the transfers look
 * again now and then (engine/file-watch.ts) and say so instead of claiming
 * what is no longer true. Also where a finished download's files live, so
 * the library and the transfers agree on it.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Manifest, ManifestFile } from '../content/manifest.js'

/** 'present' as expected; 'missing' (gone, or no longer a file); 'changed' (another size or modification time). */
export type Presence = 'present' | 'missing' | 'changed'

/** What a file is expected to be: its size, and its modification time when that is known. */
export interface ExpectedFile {
  readonly size: number
  readonly mtimeMs?: number
}

/** Looks at one file on disk. */
export async function presenceOf (absPath: string, expected: ExpectedFile): Promise<Presence> {
  let st
  try {
    st = await fs.stat(absPath)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing'
    throw err
  }
  if (!st.isFile()) return 'missing'
  if (st.size !== expected.size || (expected.mtimeMs != null && st.mtimeMs !== expected.mtimeMs)) return 'changed'
  return 'present'
}

/**
 * Where a file of a finished download is: a single-file share is its final
 * path itself; a folder share's files are below its final folder (which may
 * have been given a free name like "album (1)").
 */
export function finalPathOf (manifest: Manifest, finalPath: string, filePath: string): string {
  return filePath === manifest.name ? finalPath : path.join(finalPath, ...filePath.split('/').slice(1))
}

/** The files among `files` that are not at their final place under `finalPath` with their size, as absolute paths. */
export async function missingFinalFiles (manifest: Manifest, finalPath: string, files: readonly ManifestFile[]): Promise<string[]> {
  const missing: string[] = []
  for (const f of files) {
    const abs = finalPathOf(manifest, finalPath, f.path)
    if (await presenceOf(abs, { size: f.size }) !== 'present') missing.push(abs)
  }
  return missing
}
