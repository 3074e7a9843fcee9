/**
 * Baselines of the large-shares benchmark, on a folder tree or one file:
 *
 *   tree-pass.js hash DIR|FILE     reads every file in path order and SHA-256es it
 *                                  in 1 MiB pieces (what sharing must at least do); prints {ms, files, bytes}
 *   tree-pass.js read FILE         reads a file in 1 MiB pieces, no hashing; prints {ms, bytes}
 *   tree-pass.js copy DIR DEST     copies a tree file by file (what a download must at least
 *                                  write); prints {ms, files, bytes}
 */
import { createHash } from 'node:crypto'
import { closeSync, copyFileSync, fstatSync, mkdirSync, openSync, readSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const buf = Buffer.allocUnsafe(1024 * 1024)

/** Every file under `dir` (or `dir` itself), in sorted path order. */
function filesOf (dir: string): string[] {
  if (statSync(dir).isFile()) return [dir]
  const out: string[] = []
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
      if (e.isDirectory()) walk(join(d, e.name))
      else if (e.isFile()) out.push(join(d, e.name))
    }
  }
  walk(dir)
  return out
}

/** Reads a file through `buf`, handing each piece to `each`; returns its size. */
function readFile (path: string, each?: (piece: Buffer) => void): number {
  const fd = openSync(path, 'r')
  const size = fstatSync(fd).size
  for (let offset = 0; offset < size;) {
    const n = readSync(fd, buf, 0, buf.length, offset)
    if (n === 0) break
    each?.(buf.subarray(0, n))
    offset += n
  }
  closeSync(fd)
  return size
}

const [mode, a, b] = process.argv.slice(2)
const started = performance.now()
let files = 0
let bytes = 0
if (mode === 'hash') {
  for (const f of filesOf(a)) {
    const hash = createHash('sha256')
    bytes += readFile(f, piece => { hash.update(piece) })
    hash.digest()
    files++
  }
} else if (mode === 'read') {
  bytes = readFile(a)
  files = 1
} else if (mode === 'copy') {
  for (const f of filesOf(a)) {
    const dest = join(b, f.slice(a.length))
    mkdirSync(join(dest, '..'), { recursive: true })
    copyFileSync(f, dest)
    bytes += statSync(f).size
    files++
  }
} else {
  throw new Error('usage: tree-pass.js hash DIR | read FILE | copy DIR DEST')
}
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, files, bytes })}\n`)
