/**
 * Files for integration tests: random content of a given size with its
 * SHA-256, hashing files on disk, temp dirs that clean themselves up, and
 * recursive directory listings to prove nothing was written where it should
 * not be.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { copyFile, mkdtemp, open, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { registerCleanup } from './cleanup.js'

export const MiB = 1024 * 1024

/** Makes a temp dir under os.tmpdir() that is removed at cleanup. */
export async function tempDir (prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `peershare-${prefix.replace(/[^a-zA-Z0-9-]/g, '-')}-`))
  registerCleanup(`remove ${dir}`, async () => { await rm(dir, { recursive: true, force: true, maxRetries: 3 }) })
  return dir
}

/** Writes `bytes` random bytes to `dir/name` in 1 MiB blocks; returns the path and its SHA-256 (hex). */
export async function randomFile (dir: string, bytes: number, name = `random-${bytes}.bin`): Promise<{ path: string, sha256: string, size: number }> {
  const path = join(dir, name)
  const hash = createHash('sha256')
  const fh = await open(path, 'wx')
  try {
    for (let written = 0; written < bytes;) {
      const block = randomBytes(Math.min(MiB, bytes - written))
      hash.update(block)
      await fh.write(block)
      written += block.length
    }
  } finally {
    await fh.close()
  }
  return { path, sha256: hash.digest('hex'), size: bytes }
}

/** Writes the same bytes as `source` (copied block by block) to `dir/name`. */
export async function copyFileTo (sourcePath: string, dir: string, name: string): Promise<string> {
  const path = join(dir, name)
  await copyFile(sourcePath, path)
  return path
}

/** SHA-256 (hex) of a file on disk. */
export async function sha256File (path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Every entry under `dir`, as sorted '/'-separated paths relative to it (dirs end in '/'). */
export async function listTree (dir: string, options: { skip?: (rel: string) => boolean } = {}): Promise<string[]> {
  const out: string[] = []
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = join(current, entry.name)
      const rel = relative(dir, full).split('\\').join('/')
      if (options.skip?.(rel) === true) continue
      if (entry.isDirectory()) {
        out.push(`${rel}/`)
        await walk(full)
      } else {
        out.push(rel)
      }
    }
  }
  await walk(dir)
  return out.sort()
}
