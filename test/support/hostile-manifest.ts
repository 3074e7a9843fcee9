/**
 * A hostile peer in the test process: a raw libp2p node that answers
 * `/peershare/manifest/1.0.0` with manifests no honest PeerShare would
 * build (paths with `..`, absolute paths, absurd sizes), and, should a
 * downloader accept one, `/peershare/have/1.0.0` and `/peershare/chunk/1.0.0`
 * with the matching bytes, so that a vulnerable downloader would really
 * write outside its folder. Manifests are encoded with the engine's
 * generated protobuf codecs; the root is the CIDv1 (raw, sha2-256) of the
 * encoded bytes, as the engine computes it, so the hash check passes and
 * only the content checks stand between the peer and the disk.
 */
import { createHash } from 'node:crypto'
import type { Libp2p } from 'libp2p'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { Manifest as ManifestMessage } from '../../electron/core/pb/manifest-message.js'
import { ChunkRequest, ChunkResponse, HaveRequest, HaveResponse, ManifestRequest, ManifestResponse, Status } from '../../electron/core/pb/messages.js'
import { formatLink } from '../../shared/link.js'
import { FrameReader, sendFrame } from './frames.js'
import { CHUNK_PROTOCOL, MANIFEST_PROTOCOL, createRawNode } from './raw-node.js'

export const HAVE_PROTOCOL = '/peershare/have/1.0.0'

/** A hostile file entry: whatever path and size the attacker likes, and the bytes it would serve. */
export interface HostileFile {
  readonly path: string
  /** Claimed size; defaults to content.length. May be absurd. */
  readonly size?: bigint
  /** Bytes served for the file's single chunk. */
  readonly content: Uint8Array
}

export interface HostileManifestSpec {
  readonly name: string
  readonly files: readonly HostileFile[]
  /** Default 1 MiB. */
  readonly chunkSize?: number
}

export interface HostileShare {
  readonly root: string
  /** A link pointing only at the hostile node. */
  readonly link: string
  readonly manifestBytes: Uint8Array
}

export interface HostileServer {
  readonly node: Libp2p
  readonly peerId: string
  readonly addr: string
  readonly shares: readonly HostileShare[]
  /** How many manifest requests were answered (proves the downloader asked this peer). */
  readonly manifestRequests: number
  readonly chunkRequests: number
}

/** The root the engine derives from manifest bytes. */
export async function rootOfManifest (bytes: Uint8Array): Promise<string> {
  return CID.createV1(raw.code, await sha256.digest(bytes)).toString()
}

/** Encodes a manifest with no validation at all. */
export function encodeHostileManifest (spec: HostileManifestSpec): Uint8Array {
  return ManifestMessage.encode({
    version: 1,
    name: spec.name,
    chunkSize: spec.chunkSize ?? 1024 * 1024,
    files: spec.files.map(f => ({
      path: f.path,
      size: f.size ?? BigInt(f.content.length),
      hashes: createHash('sha256').update(f.content).digest() as unknown as Uint8Array<ArrayBuffer>
    }))
  })
}

/** Starts a raw node serving the given hostile manifests. */
export async function serveHostileManifest (specs: readonly HostileManifestSpec[]): Promise<HostileServer> {
  const node = await createRawNode()
  const byRoot = new Map<string, { bytes: Uint8Array, spec: HostileManifestSpec }>()
  const shares: HostileShare[] = []
  const addr = node.getMultiaddrs()[0].toString()
  for (const spec of specs) {
    const bytes = encodeHostileManifest(spec)
    const root = await rootOfManifest(bytes)
    byRoot.set(root, { bytes, spec })
    shares.push({ root, manifestBytes: bytes, link: formatLink({ root, name: spec.name.slice(0, 255) || 'x', peers: [addr] }) })
  }
  const stats = { manifestRequests: 0, chunkRequests: 0 }
  const rootString = (bytes: Uint8Array): string => {
    try { return CID.decode(bytes).toString() } catch { return '' }
  }

  await node.handle(MANIFEST_PROTOCOL, async (stream) => {
    try {
      const frame = await new FrameReader(stream, 4096).next()
      if (frame == null) return
      const req = ManifestRequest.decode(frame)
      stats.manifestRequests++
      const found = byRoot.get(rootString(req.root))
      await sendFrame(stream, ManifestResponse.encode(found == null
        ? { status: Status.NOT_FOUND }
        : { status: Status.OK, manifest: found.bytes as Uint8Array<ArrayBuffer> }))
      await stream.close()
    } catch (err) {
      stream.abort(err as Error)
    }
  })

  await node.handle(HAVE_PROTOCOL, async (stream) => {
    try {
      const frame = await new FrameReader(stream, 4096).next()
      if (frame == null) return
      const req = HaveRequest.decode(frame)
      const found = byRoot.get(rootString(req.root))
      const chunkCount = found?.spec.files.length ?? 0
      const bitfield = new Uint8Array(Math.ceil(chunkCount / 8)).fill(0xff)
      await sendFrame(stream, HaveResponse.encode(found == null
        ? { status: Status.NOT_FOUND }
        : { status: Status.OK, chunkCount, bitfield }))
      await stream.close()
    } catch (err) {
      stream.abort(err as Error)
    }
  })

  await node.handle(CHUNK_PROTOCOL, async (stream) => {
    try {
      const reader = new FrameReader(stream, 4096)
      for (;;) {
        const frame = await reader.next()
        if (frame == null) break
        const req = ChunkRequest.decode(frame)
        stats.chunkRequests++
        const found = byRoot.get(rootString(req.root))
        const file = found?.spec.files[req.index]
        await sendFrame(stream, ChunkResponse.encode(file == null
          ? { status: Status.NOT_FOUND, index: req.index }
          : { status: Status.OK, index: req.index, data: file.content as Uint8Array<ArrayBuffer> }))
      }
      await stream.close()
    } catch (err) {
      stream.abort(err as Error)
    }
  })

  return {
    node,
    peerId: node.peerId.toString(),
    addr,
    shares,
    get manifestRequests () { return stats.manifestRequests },
    get chunkRequests () { return stats.chunkRequests }
  }
}
