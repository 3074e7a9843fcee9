/**
 * A hostile peer for version-2 manifests, a raw libp2p node in the test
 * process: it serves a share whose root and listing are honest (built with
 * the engine's own builders, so the root is what PeerShare computes), but
 * lies in one block. Either a listing page is swapped for another (a file
 * renamed), or a piece of chunk hashes is swapped for the hashes of altered
 * data, which it then serves as chunks: a downloader that took the piece
 * without checking it against the listing would write the altered bytes.
 */
import { createHash } from 'node:crypto'
import type { Libp2p } from 'libp2p'
import { CID } from 'multiformats/cid'
import { FileHashes, buildPagedManifest, sha256Of } from '../../electron/core/content/paged-manifest.js'
import { chunksFor, rootOf } from '../../electron/core/content/manifest.js'
import { ListingPage } from '../../electron/core/pb/manifest-message.js'
import {
  BlockRequest, BlockResponse, ChunkRequest, ChunkResponse, HaveRequest, HaveResponse, ManifestRequest, ManifestResponse, Status
} from '../../electron/core/pb/messages.js'
import { PROTOCOL_BLOCK, PROTOCOL_CHUNK, PROTOCOL_HAVE, PROTOCOL_MANIFEST } from '../../electron/core/protocol/constants.js'
import { formatLink } from '../../shared/link.js'
import { FrameReader, sendFrame } from './frames.js'
import { createRawNode } from './raw-node.js'
import type { Stream } from '@libp2p/interface'

export interface HostileBlocksServer {
  readonly node: Libp2p
  readonly peerId: string
  readonly root: string
  readonly link: string
  /** Requests answered, by protocol. */
  readonly requests: { manifest: number, block: number, chunk: number }
}

/**
 * Serves one file `name` of `chunks` chunks of `chunkSize` bytes; `lie`
 * says which block is swapped: 'page' (the listing) or 'piece' (the chunk hashes).
 */
export async function serveHostileBlocks (lie: 'page' | 'piece', options: { name?: string, chunks?: number, chunkSize?: number } = {}): Promise<HostileBlocksServer> {
  const name = options.name ?? 'tampered.bin'
  const chunkSize = options.chunkSize ?? 16 * 1024
  const chunks = options.chunks ?? 8
  const data = new Uint8Array(chunks * chunkSize).map((_, i) => (i * 7 + 3) & 0xff)
  const altered = Uint8Array.from(data, b => b ^ 0x5a)
  const honest = new Map<string, Uint8Array>()
  const sink = async (digest: Uint8Array, bytes: Uint8Array): Promise<void> => { honest.set(Buffer.from(digest).toString('hex'), bytes) }
  const hashes = new FileHashes(chunksFor(data.byteLength, chunkSize), sink)
  for (let i = 0; i < chunks; i++) await hashes.push(createHash('sha256').update(data.subarray(i * chunkSize, (i + 1) * chunkSize)).digest())
  const entry = await hashes.finish()
  const { rootBytes, manifest } = await buildPagedManifest(name, chunkSize, [{ path: name, size: data.byteLength, ...entry }], sink)
  const root = (await rootOf(rootBytes)).toString()

  // The lie: what is served in place of the honest block of the chosen kind.
  const pageHex = Buffer.from(manifest.pages!.subarray(0, 32)).toString('hex')
  const pieceHex = Buffer.from(entry.pieces!.subarray(0, 32)).toString('hex')
  const served = new Map(honest)
  if (lie === 'page') {
    served.set(pageHex, ListingPage.encode({ entries: [{ path: `${name}.renamed`, size: BigInt(data.byteLength), hashes: new Uint8Array(), pieces: entry.pieces as Uint8Array<ArrayBuffer> }] }))
  } else {
    const fake = new Uint8Array(chunks * 32)
    for (let i = 0; i < chunks; i++) fake.set(sha256Of(altered.subarray(i * chunkSize, (i + 1) * chunkSize)), i * 32)
    served.set(pieceHex, fake)
  }
  const chunkData = lie === 'piece' ? altered : data

  const node = await createRawNode()
  const addr = node.getMultiaddrs()[0].toString()
  const requests = { manifest: 0, block: 0, chunk: 0 }
  const ours = (bytes: Uint8Array): boolean => {
    try { return CID.decode(bytes).toString() === root } catch { return false }
  }
  const once = async (stream: Stream, answer: (frame: Uint8Array) => Uint8Array): Promise<void> => {
    try {
      const frame = await new FrameReader(stream, 4096).next()
      if (frame == null) return
      await sendFrame(stream, answer(frame.subarray()))
      await stream.close()
    } catch (err) {
      stream.abort(err as Error)
    }
  }
  await node.handle(PROTOCOL_MANIFEST, async stream => {
    await once(stream, frame => {
      requests.manifest++
      return ManifestResponse.encode(ours(ManifestRequest.decode(frame).root) ? { status: Status.OK, manifest: rootBytes as Uint8Array<ArrayBuffer> } : { status: Status.NOT_FOUND })
    })
  })
  await node.handle(PROTOCOL_BLOCK, async stream => {
    await once(stream, frame => {
      requests.block++
      const req = BlockRequest.decode(frame)
      const block = ours(req.root) ? served.get(Buffer.from(req.digest).toString('hex')) : undefined
      return BlockResponse.encode(block == null ? { status: Status.NOT_FOUND } : { status: Status.OK, data: block as Uint8Array<ArrayBuffer> })
    })
  })
  await node.handle(PROTOCOL_HAVE, async stream => {
    await once(stream, frame => {
      const found = ours(HaveRequest.decode(frame).root)
      return HaveResponse.encode(found ? { status: Status.OK, chunkCount: chunks, bitfield: new Uint8Array(Math.ceil(chunks / 8)).fill(0xff) } : { status: Status.NOT_FOUND })
    })
  })
  await node.handle(PROTOCOL_CHUNK, async stream => {
    try {
      const reader = new FrameReader(stream, 4096)
      for (let frame = await reader.next(); frame != null; frame = await reader.next()) {
        requests.chunk++
        const req = ChunkRequest.decode(frame)
        const bytes = chunkData.subarray(req.index * chunkSize, (req.index + 1) * chunkSize)
        await sendFrame(stream, ChunkResponse.encode({ status: Status.OK, index: req.index, data: bytes as Uint8Array<ArrayBuffer> }))
      }
      await stream.close()
    } catch (err) {
      stream.abort(err as Error)
    }
  })
  return { node, peerId: node.peerId.toString(), root, link: formatLink({ root, name, peers: [addr] }), requests }
}

/** Serves any root block (no checks at all) under its root on the manifest protocol; every other request is NOT_FOUND. */
export async function serveRootBlock (rootBytes: Uint8Array, name: string): Promise<{ node: Libp2p, root: string, link: string }> {
  const root = (await rootOf(rootBytes)).toString()
  const node = await createRawNode()
  await node.handle(PROTOCOL_MANIFEST, async stream => {
    try {
      const frame = await new FrameReader(stream, 4096).next()
      if (frame == null) return
      const req = ManifestRequest.decode(frame)
      let ours = false
      try { ours = CID.decode(req.root).toString() === root } catch {}
      await sendFrame(stream, ManifestResponse.encode(ours ? { status: Status.OK, manifest: rootBytes as Uint8Array<ArrayBuffer> } : { status: Status.NOT_FOUND }))
      await stream.close()
    } catch (err) {
      stream.abort(err as Error)
    }
  })
  return { node, root, link: formatLink({ root, name, peers: [node.getMultiaddrs()[0].toString()] }) }
}
