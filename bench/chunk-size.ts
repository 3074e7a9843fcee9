/**
 * Measures how the chunk size affects sharing (chunk + hash) and transfer
 * speed, to choose the default. Two engines in one process on loopback, so
 * one core carries both ends: compare rows with each other, not with the
 * multi-process figures of `npm run bench`.
 *
 *   node dist/bench/chunk-size.js [MiB=256]
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createEngine } from '../electron/core/index.js'
import { shareAndWait } from '../shared/index.js'

const mib = Number(process.argv[2] ?? 256)
const sizes = [256 * 1024, 1024 * 1024, 4 * 1024 * 1024]

async function once (chunkSize: number): Promise<{ shareMs: number, transferMs: number, rssMiB: number }> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'peershare-chunk-bench-'))
  try {
    const file = path.join(base, 'data.bin')
    const fd = fs.openSync(file, 'w')
    const block = randomBytes(1 << 20)
    for (let i = 0; i < mib; i++) { block[0] = i & 0xff; fs.writeSync(fd, block) }
    fs.closeSync(fd)
    const common = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, network: `chunk-bench-${process.pid}` }
    const a = createEngine({ ...common, profileDir: path.join(base, 'a'), chunkSize })
    await a.start()
    const b = createEngine({ ...common, profileDir: path.join(base, 'b'), bootstrap: [a.listenAddrs()[0]] })
    await b.start()
    try {
      let t0 = performance.now()
      const share = await shareAndWait(a.api, file)
      const shareMs = performance.now() - t0
      t0 = performance.now()
      let t = await b.api.download({ link: share.link, outDir: path.join(base, 'out') })
      const deadline = Date.now() + 300_000
      while (t.state !== 'done' && t.state !== 'failed' && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 50))
        t = (await b.api.transfers({}))[0]
      }
      if (t.state !== 'done') throw new Error(`transfer ended ${t.state}: ${t.error?.message}`)
      return { shareMs, transferMs: performance.now() - t0, rssMiB: process.memoryUsage().rss / 2 ** 20 }
    } finally {
      await b.stop()
      await a.stop()
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true })
  }
}

console.log(`chunk size | share ${mib} MiB (MiB/s) | transfer (MiB/s) | process RSS (MiB)`)
for (const size of sizes) {
  const r = await once(size)
  console.log(`${String(size / 1024).padStart(6)} KiB | ${(mib / r.shareMs * 1000).toFixed(0).padStart(8)} | ${(mib / r.transferMs * 1000).toFixed(0).padStart(8)} | ${r.rssMiB.toFixed(0).padStart(5)}`)
}
