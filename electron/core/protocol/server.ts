/**
 * Answers PeerShare's three protocols from the chunk sources this node
 * holds. Every frame is bounded; a malformed or oversized frame resets the
 * stream and nothing else. Uploads pass through the upload rate limiter.
 */
import { pbStream } from '@libp2p/utils'
import { CID } from 'multiformats/cid'
import { log } from '../logger.js'
import { encodeChunkFrame } from './chunk-frames.js'
import { ChunkRequest, ChunkResponse, HaveRequest, HaveResponse, ManifestRequest, ManifestResponse, Status } from '../pb/messages.js'
import {
  MAX_PIPELINED_REQUESTS, MAX_REQUEST_BYTES, PROTOCOL_CHUNK, PROTOCOL_HAVE, PROTOCOL_MANIFEST,
  SERVER_READ_AHEAD, STREAM_LIMITS
} from './constants.js'
import { REQUEST_TIMEOUT, SERVER_IDLE_TIMEOUT } from '../defaults.js'
import type { ChunkSource } from '../library/chunk-source.js'
import type { RateLimiter } from '../util/rate-limiter.js'
import type { Connection, Libp2p, Startable, Stream } from '@libp2p/interface'
import type { MessageCodec as Codec } from './constants.js'

const logger = log('protocol:server')

export interface ProtocolServerComponents {
  registrar: Pick<Libp2p, 'handle' | 'unhandle'>
  /** Looks up what this node can serve for a root. */
  sources: { get(root: string): ChunkSource | undefined }
  uploadLimiter: RateLimiter
  /** Told about every chunk served. */
  onServed?(root: string, peerId: string, bytes: number): void
}

/** Decodes a root from the wire; undefined when it is not a CID. */
function rootString (bytes: Uint8Array): string | undefined {
  try {
    return CID.decode(bytes).toString()
  } catch {
    return undefined
  }
}

export class ProtocolServer implements Startable {
  private readonly components: ProtocolServerComponents
  private started = false

  constructor (components: ProtocolServerComponents) {
    this.components = components
  }

  async start (): Promise<void> {
    if (this.started) return
    const { registrar } = this.components
    await registrar.handle(PROTOCOL_MANIFEST, this.onManifest, STREAM_LIMITS[PROTOCOL_MANIFEST])
    await registrar.handle(PROTOCOL_HAVE, this.onHave, STREAM_LIMITS[PROTOCOL_HAVE])
    await registrar.handle(PROTOCOL_CHUNK, this.onChunk, STREAM_LIMITS[PROTOCOL_CHUNK])
    this.started = true
  }

  async stop (): Promise<void> {
    if (!this.started) return
    const { registrar } = this.components
    await Promise.all([PROTOCOL_MANIFEST, PROTOCOL_HAVE, PROTOCOL_CHUNK].map(async p => registrar.unhandle(p)))
    this.started = false
  }

  private readonly onManifest = async (stream: Stream): Promise<void> => {
    await this.answerOnce(stream, ManifestRequest, ManifestResponse, (root, source) => source == null
      ? { status: root == null ? Status.BAD_REQUEST : Status.NOT_FOUND, manifest: new Uint8Array() }
      : { status: Status.OK, manifest: source.manifestBytes as Uint8Array<ArrayBuffer> })
  }

  private readonly onHave = async (stream: Stream): Promise<void> => {
    await this.answerOnce(stream, HaveRequest, HaveResponse, (root, source) => source == null
      ? { status: root == null ? Status.BAD_REQUEST : Status.NOT_FOUND, chunkCount: 0, bitfield: new Uint8Array() }
      : { status: Status.OK, chunkCount: source.manifest.chunkCount, bitfield: source.haveBytes() as Uint8Array<ArrayBuffer> })
  }

  /** One bounded request about a root, one response, within REQUEST_TIMEOUT; anything malformed resets the stream. */
  private async answerOnce<Req extends { root: Uint8Array }, Res> (
    stream: Stream,
    request: Codec<Req>,
    response: Codec<Res>,
    answer: (root: string | undefined, source: ChunkSource | undefined) => Res
  ): Promise<void> {
    const signal = AbortSignal.timeout(REQUEST_TIMEOUT)
    try {
      const pb = pbStream(stream, { maxDataLength: MAX_REQUEST_BYTES, maxBufferSize: MAX_REQUEST_BYTES * 2 })
      const req = await pb.read(request, { signal })
      const root = rootString(req.root)
      await pb.write(answer(root, root == null ? undefined : this.components.sources.get(root)), response, { signal })
      await stream.close({ signal })
    } catch (err) {
      logger.trace('%s stream reset: %e', stream.protocol, err)
      stream.abort(err as Error)
    }
  }

  /**
   * Requests arrive pipelined; responses leave in the same order. Up to
   * SERVER_READ_AHEAD chunks are read (and checked) while earlier ones are
   * being sent, and each is sent behind a small header, never copied.
   */
  private readonly onChunk = async (stream: Stream, connection: Connection): Promise<void> => {
    const peer = connection.remotePeer.toString()
    const pb = pbStream(stream, { maxDataLength: MAX_REQUEST_BYTES, maxBufferSize: MAX_REQUEST_BYTES * MAX_PIPELINED_REQUESTS })
    const answers: Array<{ root?: string, answer: Promise<ChunkResponse> }> = []
    let wakeWriter: (() => void) | undefined
    let wakeReader: (() => void) | undefined
    let readerDone = false
    const reader = (async () => {
      try {
        while (true) {
          while (answers.length >= SERVER_READ_AHEAD) await new Promise<void>(resolve => { wakeReader = resolve })
          let req: ChunkRequest
          try {
            req = await pb.read(ChunkRequest, { signal: AbortSignal.timeout(SERVER_IDLE_TIMEOUT) })
          } catch (err) {
            // The client closing its end between requests is the normal way a session ends.
            if ((err as Error).name === 'UnexpectedEOFError' && stream.readBufferLength === 0) return
            throw err
          }
          const root = rootString(req.root)
          const answer = this.answerChunk(req, root, peer)
          answer.catch(() => {})
          answers.push({ root, answer })
          wakeWriter?.()
        }
      } catch (err) {
        logger('chunk stream from %s reset: %s', peer, (err as Error).message)
        stream.abort(err as Error)
      } finally {
        readerDone = true
        wakeWriter?.()
      }
    })()
    try {
      while (true) {
        if (answers.length === 0) {
          if (readerDone) break
          await new Promise<void>(resolve => { wakeWriter = resolve })
          continue
        }
        const { root, answer } = answers[0]
        const res = await answer
        answers.shift()
        wakeReader?.()
        if (!stream.send(encodeChunkFrame(res.status, res.index, res.data))) await stream.onDrain({ signal: AbortSignal.timeout(SERVER_IDLE_TIMEOUT) })
        // Counted once handed to the connection, so a peer that vanished mid-request is not credited.
        if (res.status === Status.OK) this.components.onServed?.(root!, peer, res.data.byteLength)
      }
      await reader
      if (stream.status === 'open') await stream.close({ signal: AbortSignal.timeout(REQUEST_TIMEOUT) })
    } catch (err) {
      logger('chunk stream from %s reset: %s', peer, (err as Error).message)
      stream.abort(err as Error)
    }
  }

  private async answerChunk (req: ChunkRequest, root: string | undefined, peer: string): Promise<ChunkResponse> {
    const empty = new Uint8Array()
    if (root == null) return { status: Status.BAD_REQUEST, index: req.index, data: empty }
    const source = this.components.sources.get(root)
    if (source == null || !source.has(req.index)) return { status: Status.NOT_FOUND, index: req.index, data: empty }
    let data: Uint8Array
    try {
      data = await source.read(req.index)
    } catch (err) {
      logger('cannot serve chunk %d of %s: %s', req.index, root, (err as Error).message)
      return { status: Status.UNAVAILABLE, index: req.index, data: empty }
    }
    await this.components.uploadLimiter.take(data.byteLength, { signal: AbortSignal.timeout(SERVER_IDLE_TIMEOUT) })
    return { status: Status.OK, index: req.index, data: data as Uint8Array<ArrayBuffer> }
  }
}
