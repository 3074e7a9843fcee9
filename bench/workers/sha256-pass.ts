/**
 * The sharing baseline: one plain SHA-256 pass over a file, sequential
 * 1 MiB reads into one reused buffer. Prints {ms, digest}.
 *
 *   sha256-pass.js FILE
 */
import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

const file = process.argv[2]
const started = performance.now()
const fd = openSync(file, 'r')
const size = fstatSync(fd).size
const buf = Buffer.allocUnsafe(1024 * 1024)
const hash = createHash('sha256')
for (let offset = 0; offset < size;) {
  const n = readSync(fd, buf, 0, buf.length, offset)
  if (n === 0) break
  hash.update(buf.subarray(0, n))
  offset += n
}
closeSync(fd)
const digest = hash.digest('hex')
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, digest })}\n`)
