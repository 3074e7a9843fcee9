/**
 * Many PeerShare engines in one process, to make up a private DHT for the
 * discovery benchmark without starting one Node per node. Each engine has
 * its own profile, listens on 127.0.0.1 only, mDNS off.
 *
 *   dht-swarm.js NETWORK COUNT DIR [BOOTSTRAP_ADDR]
 *
 * Prints {addrs} (one loopback address per engine) once all have started;
 * stops them all when stdin ends.
 */
import { join } from 'node:path'
import { createEngine, type Engine } from '../../electron/core/index.js'

const [network, countArg, dir, bootstrap] = process.argv.slice(2)
const count = Number(countArg)
const engines: Engine[] = []

function loopbackAddr (e: Engine): string {
  const addr = e.listenAddrs().find(a => a.startsWith('/ip4/127.0.0.1/tcp/') && !a.includes('/ws'))
  if (addr == null) throw new Error('engine has no loopback address')
  return addr
}

function make (i: number, boot: string[]): Engine {
  return createEngine({
    profileDir: join(dir, `node-${i}`),
    listen: ['/ip4/127.0.0.1/tcp/0'],
    mdns: false,
    network,
    bootstrap: boot
  })
}

const first = make(0, bootstrap == null ? [] : [bootstrap])
await first.start()
engines.push(first)
const firstAddr = loopbackAddr(first)
// Start the rest in small batches; each knows the first node (and the outside bootstrap).
const BATCH = 6
for (let i = 1; i < count; i += BATCH) {
  const batch = Array.from({ length: Math.min(BATCH, count - i) }, (_, k) => make(i + k, [firstAddr, ...(bootstrap == null ? [] : [bootstrap])]))
  await Promise.all(batch.map(async e => { await e.start() }))
  engines.push(...batch)
}
process.stdout.write(`${JSON.stringify({ addrs: engines.map(loopbackAddr) })}\n`)

let stopping = false
const stopAll = async (): Promise<void> => {
  if (stopping) return
  stopping = true
  await Promise.all(engines.map(async e => await e.stop().catch(() => {})))
  process.exit(0)
}
process.stdin.resume()
process.stdin.once('end', () => { void stopAll() })
process.once('SIGTERM', () => { void stopAll() })
process.once('SIGINT', () => { void stopAll() })
