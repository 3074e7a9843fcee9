/**
 * Folders of many small files, for tests of large shares: `folders` folders
 * of `perFolder` files each, every file's bytes derived from its name (a few
 * are empty), and a fingerprint of a whole tree (every path and the SHA-256
 * of its bytes) to tell two copies are byte-identical without holding them.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** The bytes of file `i` of folder `f`: its name repeated, so every file differs; every 997th is empty. */
export function manyFilesContent (f: number, i: number): Uint8Array {
  if ((f * 1000 + i) % 997 === 0) return new Uint8Array()
  const line = `folder ${f} file ${i}\n`
  return new TextEncoder().encode(line.repeat(1 + ((f * 31 + i) % 7)))
}

/** Writes `root/d<f>/f<i>.txt` for every folder and file; returns the number of files. */
export async function writeManyFiles (root: string, folders: number, perFolder: number): Promise<number> {
  for (let f = 0; f < folders; f++) {
    const dir = join(root, `d${String(f).padStart(4, '0')}`)
    await mkdir(dir, { recursive: true })
    // A few at a time: the test process has its own descriptor limit too.
    for (let i = 0; i < perFolder; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, perFolder - i) }, async (_, k) => {
        await writeFile(join(dir, `f${String(i + k).padStart(5, '0')}.txt`), manyFilesContent(f, i + k))
      }))
    }
  }
  return folders * perFolder
}

/** A fingerprint of a tree: every file's relative path and SHA-256, in sorted order; and how many files. */
export async function treeFingerprint (root: string): Promise<{ files: number, digest: string }> {
  const hash = createHash('sha256')
  let files = 0
  const walk = async (dir: string, rel: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
    for (const e of entries) {
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`
      if (e.isDirectory()) await walk(join(dir, e.name), childRel)
      else {
        files++
        hash.update(`${childRel}\0`).update(createHash('sha256').update(await readFile(join(dir, e.name))).digest())
      }
    }
  }
  await walk(root, '')
  return { files, digest: hash.digest('hex') }
}
