/**
 * The bench folder (under the system temp dir, deleted at the end) and the
 * random files the benchmarks move around.
 */
import { randomFillSync } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { trackDir } from './cleanup.js'
import { MiB } from './proc-stats.js'

let root: string | undefined

/** The suite's own folder, created on first use: <tmp>/peershare-bench-XXXX. */
export function benchDir (): string {
  if (root == null) {
    root = mkdtempSync(join(tmpdir(), 'peershare-bench-'))
    trackDir(root)
  }
  return root
}

/** A fresh sub-folder of the bench folder. */
export function subDir (name: string): string {
  const dir = mkdtempSync(join(benchDir(), `${name.replace(/[^a-zA-Z0-9-]/g, '-')}-`))
  mkdirSync(dir, { recursive: true })
  return dir
}

/** Writes `bytes` random bytes (distinct 4 MiB blocks) to `dir/name`. */
export async function randomFile (dir: string, name: string, bytes: number): Promise<string> {
  const path = join(dir, name)
  const block = Buffer.allocUnsafe(4 * MiB)
  const fh = await open(path, 'wx')
  try {
    for (let written = 0; written < bytes;) {
      const n = Math.min(block.length, bytes - written)
      randomFillSync(block, 0, n)
      await fh.write(block, 0, n, written)
      written += n
    }
  } finally {
    await fh.close()
  }
  return path
}

/** Deletes a file or folder now (big downloads are removed between runs). */
export function remove (path: string): void {
  rmSync(path, { recursive: true, force: true, maxRetries: 3 })
}
