/**
 * What a hostile peer does to a PeerShare node, built from the same libp2p
 * stack in the test process (see raw-node.ts): length prefixes that never
 * end, chunk streams that ask and never read, connections held by the
 * hundred, raw sockets that never start a handshake, and a seeder that
 * drip-feeds its chunks. Shared by the integration tests and the soak.
 * Every attack is bounded in count and time and undoes itself.
 */
import net from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import * as varint from 'uint8-varint'
import { Uint8ArrayList } from 'uint8arraylist'
import { CID } from 'multiformats/cid'
import { boundedLpStream } from '../../electron/core/protocol/length-prefix.js'
import { ChunkRequest, HaveRequest, HaveResponse, ManifestRequest, ManifestResponse, Status } from '../../electron/core/pb/messages.js'
import { PROTOCOL_CHUNK, PROTOCOL_HAVE, PROTOCOL_MANIFEST } from '../../electron/core/protocol/constants.js'
import { fetchManifest } from '../../electron/core/protocol/client.js'
import { createRawNode, readUntilClosed, sendAll, type StreamOutcome } from './raw-node.js'
import type { Libp2p, Stream } from '@libp2p/interface'

/** A varint that never ends: `prefixBytes` bytes of 0xff, then `floodBytes` more in 64 KiB pieces. */
export async function overlongPrefix (node: Libp2p, target: Multiaddr, protocol: string, options: { prefixBytes?: number, floodBytes?: number, waitMs?: number } = {}): Promise<StreamOutcome> {
  const stream = await node.dialProtocol(target, protocol, { signal: AbortSignal.timeout(10_000) })
  const outcome = readUntilClosed(stream, options.waitMs ?? 5_000)
  try {
    await sendAll(stream, new Uint8Array(options.prefixBytes ?? 9).fill(0xff))
    const piece = new Uint8Array(64 * 1024).fill(0xff)
    for (let sent = 0; sent < (options.floodBytes ?? 0) && stream.status === 'open' && stream.writeStatus === 'writable'; sent += piece.byteLength) {
      await Promise.race([sendAll(stream, piece), sleep(2_000)])
    }
  } catch {
    // The node reset the stream while we were still sending: what it should do.
  }
  return await outcome
}

/** A chunk request frame, as ChunkSession sends it. */
export function chunkRequestFrame (root: string, index: number): Uint8Array {
  const body = ChunkRequest.encode({ root: CID.parse(root).bytes as Uint8Array<ArrayBuffer>, index })
  return new Uint8ArrayList(varint.encode(body.byteLength), body).subarray()
}

/**
 * Opens `streams` chunk streams, pauses reading on each (so the node's
 * answers pile up on its side), and asks for `requests` chunks on each.
 * Returns the streams; abort them, or stop the node, to leave.
 */
export async function unreadChunkStreams (node: Libp2p, target: Multiaddr, root: string, chunkCount: number, options: { streams?: number, requests?: number } = {}): Promise<Stream[]> {
  const out: Stream[] = []
  for (let s = 0; s < (options.streams ?? 8); s++) {
    const stream = await node.dialProtocol(target, PROTOCOL_CHUNK, { signal: AbortSignal.timeout(10_000) })
    stream.pause()
    const n = options.requests ?? 64
    const frames = Array.from({ length: n }, (_, i) => chunkRequestFrame(root, (s * n + i) % chunkCount))
    await sendAll(stream, new Uint8ArrayList(...frames).subarray())
    out.push(stream)
  }
  return out
}

/**
 * Opens separate connections to the target (libp2p would otherwise reuse
 * one), one every `paceMs` (under a node's per-address rate of new
 * connections), until it holds `count`, `deadlineMs` passed, or the count
 * has not grown for `stallMs`. Returns how many it holds.
 */
export async function holdConnections (node: Libp2p, target: Multiaddr, count: number, options: { paceMs?: number, deadlineMs?: number, stallMs?: number } = {}): Promise<number> {
  const peer = target.getComponents().find(c => c.name === 'p2p')?.value
  const held = (): number => node.getConnections().filter(c => c.remotePeer.toString() === peer).length
  const until = Date.now() + (options.deadlineMs ?? 120_000)
  let grewAt = Date.now()
  let last = held()
  while (held() < count && Date.now() < until && Date.now() - grewAt < (options.stallMs ?? 10_000)) {
    await node.dial(target, { force: true, signal: AbortSignal.timeout(10_000) }).catch(() => {})
    if (held() > last) { last = held(); grewAt = Date.now() }
    await sleep(options.paceMs ?? 250)
  }
  return held()
}

/**
 * Raw TCP sockets from `localAddress` to host:port that never send a byte:
 * `count` new ones every `everyMs`, each kept until the node drops it, at
 * most `maxOpen` at once. Returns a stop function and a counter of sockets
 * opened.
 */
export function silentSockets (host: string, port: number, options: { count?: number, localAddress?: string, everyMs?: number, maxOpen?: number } = {}): { stop: () => void, opened: () => number } {
  let opened = 0
  const sockets = new Set<net.Socket>()
  const open = (): void => {
    if (sockets.size >= (options.maxOpen ?? 200)) return
    const socket = net.connect({ host, port, localAddress: options.localAddress })
    opened++
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => { sockets.delete(socket) })
  }
  const wave = (): void => { for (let i = 0; i < (options.count ?? 10); i++) open() }
  wave()
  const timer = setInterval(wave, options.everyMs ?? 1_000)
  return {
    stop: () => {
      clearInterval(timer)
      for (const s of sockets) s.destroy()
    },
    opened: () => opened
  }
}

/**
 * A seeder in the test process that has every chunk of a share and sends
 * none: it answers the manifest and which chunks it has like an honest one,
 * then on the chunk stream sends a valid frame header and one byte every
 * `dripMs`. Its manifest comes from `from`, an honest seeder.
 */
export async function dripFeedingSeeder (from: Multiaddr, root: string, options: { dripMs?: number } = {}): Promise<{ node: Libp2p, addr: string }> {
  const node = await createRawNode()
  const cid = CID.parse(root)
  const honest = await node.dial(from, { signal: AbortSignal.timeout(10_000) })
  const { manifest, bytes } = await fetchManifest(node, honest.remotePeer, cid, { signal: AbortSignal.timeout(10_000) })
  const have = new Uint8Array(Math.ceil(manifest.chunkCount / 8)).fill(0xff)
  if (manifest.chunkCount % 8 !== 0) have[have.length - 1] = (0xff << (8 - manifest.chunkCount % 8)) & 0xff
  await node.handle(PROTOCOL_MANIFEST, async stream => {
    const lp = boundedLpStream(stream, 1024)
    ManifestRequest.decode(await lp.read())
    await lp.write(ManifestResponse.encode({ status: Status.OK, manifest: bytes as Uint8Array<ArrayBuffer> }))
    await stream.close().catch(() => {})
  })
  await node.handle(PROTOCOL_HAVE, async stream => {
    const lp = boundedLpStream(stream, 1024)
    HaveRequest.decode(await lp.read())
    await lp.write(HaveResponse.encode({ status: Status.OK, chunkCount: manifest.chunkCount, bitfield: have }))
    await stream.close().catch(() => {})
  })
  await node.handle(PROTOCOL_CHUNK, async stream => {
    const lp = boundedLpStream(stream, 1024, 64 * 1024)
    const req = ChunkRequest.decode(await lp.read())
    // A frame for a whole chunk: its length prefix, status OK (omitted), index, the data tag and length.
    const size = manifest.chunkSize
    const header = [0x10, ...varint.encode(req.index), 0x1a, ...varint.encode(size)]
    const body = header.length + size
    await sendAll(stream, Uint8Array.from([...varint.encode(body), ...header]))
    for (let i = 0; i < size && stream.status === 'open'; i++) {
      await sleep(options.dripMs ?? 2_000)
      if (stream.status !== 'open') break
      stream.send(new Uint8Array([0x42]))
    }
  }, { maxInboundStreams: 64 })
  const addr = node.getMultiaddrs().find(a => a.toString().startsWith('/ip4/127.0.0.1/'))
  if (addr == null) throw new Error('the drip-feeding seeder has no loopback address')
  return { node, addr: addr.toString() }
}

/** The multiaddr of a daemon address string. */
export function targetOf (addr: string): Multiaddr {
  return multiaddr(addr)
}
