/**
 * The transfer baseline: a bare libp2p stream over the same TCP + Noise +
 * Yamux stack as PeerShare, with nothing of PeerShare on top.
 *
 *   bare-stream.js sink              listens on 127.0.0.1, prints {addr}; writes
 *                                    what arrives to /dev/null, then acknowledges
 *   bare-stream.js source ADDR BYTES dials, sends BYTES in 1 MiB messages,
 *                                    prints {ms, cpuSeconds} once the sink has acknowledged all
 */
import { randomFillSync } from 'node:crypto'
import { closeSync, openSync, writeSync } from 'node:fs'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import type { Stream } from '@libp2p/interface'

const PROTOCOL = '/peershare-bench/sink/1.0.0'
const BLOCK = 1024 * 1024

async function node (listen: string[]): Promise<Awaited<ReturnType<typeof createLibp2p>>> {
  return await createLibp2p({
    addresses: { listen },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()]
  })
}

async function sink (): Promise<void> {
  const n = await node(['/ip4/127.0.0.1/tcp/0'])
  const devNull = openSync('/dev/null', 'w')
  await n.handle(PROTOCOL, async (stream: Stream) => {
    let received = 0
    for await (const buf of stream) {
      // A Uint8Array or a Uint8ArrayList: write its parts without joining them.
      for (const part of buf instanceof Uint8Array ? [buf] : buf) {
        writeSync(devNull, part)
        received += part.byteLength
      }
    }
    // Tell the source everything arrived: close() alone resolves before the remote has read it all.
    const ack = new TextEncoder().encode(`${received}\n`)
    if (!stream.send(ack)) await stream.onDrain()
    await stream.close()
  }, { maxInboundStreams: 4 })
  const addr = n.getMultiaddrs().find(a => a.toString().startsWith('/ip4/127.0.0.1/'))
  process.stdout.write(`${JSON.stringify({ addr: addr?.toString() })}\n`)
  process.stdin.resume()
  process.stdin.once('end', () => { closeSync(devNull); void Promise.resolve(n.stop()).then(() => process.exit(0)) })
}

async function source (addr: string, bytes: number): Promise<void> {
  const n = await node([])
  const block = new Uint8Array(BLOCK)
  randomFillSync(block)
  const stream = await n.dialProtocol(multiaddr(addr), PROTOCOL)
  const started = performance.now()
  const cpu = process.cpuUsage()
  for (let sent = 0; sent < bytes;) {
    const len = Math.min(BLOCK, bytes - sent)
    if (!stream.send(len === BLOCK ? block : block.subarray(0, len))) await stream.onDrain()
    sent += len
  }
  const closing = stream.close()
  let reply = ''
  for await (const buf of stream) reply += new TextDecoder().decode(buf.subarray())
  await closing
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  if (Number(reply.trim()) !== bytes) throw new Error(`sink acknowledged ${reply.trim()} of ${bytes} bytes`)
  process.stdout.write(`${JSON.stringify({ ms, bytes, cpuSeconds: (used.user + used.system) / 1e6 })}\n`)
  await n.stop()
}

const [mode, addr, bytes] = process.argv.slice(2)
if (mode === 'sink') await sink()
else if (mode === 'source') await source(addr, Number(bytes))
else throw new Error('usage: bare-stream.js sink | source ADDR BYTES')
