/**
 * Answers PeerShare's three protocols from the chunk sources this node
 * holds. Every frame is bounded; a malformed or oversized frame resets the
 * stream and nothing else. Uploads pass through the upload rate limiter.
 */
import { CID } from 'multiformats/cid'
import { log } from '../logger.js'
import { encodeChunkFrame } from './chunk-frames.js'
import { boundedLpStream } from './length-prefix.js'
import { answerOnce } from './one-exchange.js'
import { decodeMessage } from './message-codec.js'
import { BlockRequest, BlockResponse, ChunkRequest, ChunkResponse, HaveRequest, HaveResponse, ManifestRequest, ManifestResponse, Status } from '../pb/messages.js'
import {
  MAX_PIPELINED_REQUESTS, MAX_REQUEST_BYTES, PROTOCOL_BLOCK, PROTOCOL_CHUNK, PROTOCOL_HAVE, PROTOCOL_MANIFEST,
  SERVER_READ_AHEAD, STREAM_LIMITS
} from './constants.js'
import { REQUEST_TIMEOUT, SERVER_CHUNK_BUDGET, SERVER_CHUNK_BUDGET_PER_PEER, SERVER_DRAIN_TIMEOUT, SERVER_IDLE_TIMEOUT } from '../defaults.js'
import { locateChunk } from '../content/manifest.js'
import { Wakeup } from '../util/wakeup.js'
import { raceSignal } from 'race-signal'
import { ChunkBudget } from './chunk-budget.js'
import type { ChunkSource } from '../library/chunk-source.js'
import type { RateLimiter } from '../util/rate-limiter.js'
import type { Connection, Libp2p, Startable, Stream } from '@libp2p/interface'
import type { MessageCodec as Codec } from './constants.js'

const logger = log('protocol:server')

export interface ProtocolServerComponents {
  registrar: Pick<Libp2p, 'handle' | 'unhandle'>
  /** Looks up what this node can serve for a root. */
  sources: { get(root: string): ChunkSource | undefined }
  /** Whether a peer may see a root: a private one only with the proof the request carries (access/share-keys.ts). */
  access: { allows(root: string, requester: string, proof: Uint8Array): boolean }
  uploadLimiter: RateLimiter
  /** Told about every chunk served. */
  onServed?(root: string, peerId: string, bytes: number): void
}

export interface ProtocolServerInit {
  /** Bytes of chunk data one peer may hold in this server's memory; default SERVER_CHUNK_BUDGET_PER_PEER. */
  chunkBudgetPerPeer?: number
  /** Bytes of chunk data all peers together may hold; default SERVER_CHUNK_BUDGET. */
  chunkBudget?: number
}

/** A chunk response and the budget bytes it holds. */
interface Answer {
  readonly res: ChunkResponse
  readonly held: number
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
  /** Chunk data read and not yet taken by its peer, per peer and in all. */
  readonly budget: ChunkBudget
  private started = false

  constructor (components: ProtocolServerComponents, init: ProtocolServerInit = {}) {
    this.components = components
    this.budget = new ChunkBudget({ perPeer: init.chunkBudgetPerPeer ?? SERVER_CHUNK_BUDGET_PER_PEER, total: init.chunkBudget ?? SERVER_CHUNK_BUDGET })
  }

  async start (): Promise<void> {
    if (this.started) return
    const { registrar } = this.components
    await registrar.handle(PROTOCOL_MANIFEST, this.onManifest, STREAM_LIMITS[PROTOCOL_MANIFEST])
    await registrar.handle(PROTOCOL_HAVE, this.onHave, STREAM_LIMITS[PROTOCOL_HAVE])
    await registrar.handle(PROTOCOL_CHUNK, this.onChunk, STREAM_LIMITS[PROTOCOL_CHUNK])
    await registrar.handle(PROTOCOL_BLOCK, this.onBlock, STREAM_LIMITS[PROTOCOL_BLOCK])
    this.started = true
  }

  async stop (): Promise<void> {
    if (!this.started) return
    const { registrar } = this.components
    await Promise.all([PROTOCOL_MANIFEST, PROTOCOL_HAVE, PROTOCOL_CHUNK, PROTOCOL_BLOCK].map(async p => registrar.unhandle(p)))
    this.started = false
  }

  private readonly onManifest = async (stream: Stream, connection: Connection): Promise<void> => {
    await this.answerOnce(stream, connection, ManifestRequest, ManifestResponse, (root, source) => source == null
      ? { status: root == null ? Status.BAD_REQUEST : Status.NOT_FOUND, manifest: new Uint8Array() }
      : { status: Status.OK, manifest: source.manifestBytes as Uint8Array<ArrayBuffer> })
  }

  private readonly onHave = async (stream: Stream, connection: Connection): Promise<void> => {
    await this.answerOnce(stream, connection, HaveRequest, HaveResponse, (root, source) => source == null
      ? { status: root == null ? Status.BAD_REQUEST : Status.NOT_FOUND, chunkCount: 0, bitfield: new Uint8Array() }
      : { status: Status.OK, chunkCount: source.manifest.chunkCount, bitfield: source.haveBytes() as Uint8Array<ArrayBuffer> })
  }

  /** A block of a version-2 manifest this node holds for the root asked about (a private root's only with the proof). */
  private readonly onBlock = async (stream: Stream, connection: Connection): Promise<void> => {
    await this.answerOnce(stream, connection, BlockRequest, BlockResponse, async (root, source, req) => {
      const data = source == null || req.digest.byteLength !== 32 ? undefined : await source.block?.(req.digest)
      return data == null
        ? { status: root == null || req.digest.byteLength !== 32 ? Status.BAD_REQUEST : Status.NOT_FOUND, data: new Uint8Array() }
        : { status: Status.OK, data: data as Uint8Array<ArrayBuffer> }
    })
  }

  /**
   * What `peer` may be served for a request: nothing when the root is not
   * held, or is private and the request's proof is missing or wrong. Both
   * give the same answer, so a peer without the secret cannot tell a
   * private share from a root this node never heard of.
   */
  private sourceFor (root: string | undefined, peer: string, proof: Uint8Array): ChunkSource | undefined {
    if (root == null) return undefined
    const source = this.components.sources.get(root)
    if (source == null || !this.components.access.allows(root, peer, proof)) return undefined
    return source
  }

  /** One bounded request about a root, one response, within REQUEST_TIMEOUT; anything malformed resets the stream. */
  private async answerOnce<Req extends { root: Uint8Array, proof: Uint8Array }, Res> (
    stream: Stream,
    connection: Connection,
    request: Codec<Req>,
    response: Codec<Res>,
    answer: (root: string | undefined, source: ChunkSource | undefined, req: Req) => Res | Promise<Res>
  ): Promise<void> {
    await answerOnce(stream, connection, request, response, (req, peer) => {
      const root = rootString(req.root)
      return answer(root, this.sourceFor(root, peer.toString(), req.proof), req)
    }, { maxRequestBytes: MAX_REQUEST_BYTES, timeout: REQUEST_TIMEOUT })
  }

  /**
   * Requests arrive pipelined; responses leave in the same order. Up to
   * SERVER_READ_AHEAD chunks are read (and checked) while earlier ones are
   * being sent, but only while the peer takes what is sent, and only within
   * the chunk budget; each is sent behind a small header, never copied. A
   * peer that takes nothing for SERVER_DRAIN_TIMEOUT is reset, and however
   * the stream ends, every wait ends with it and its budget is given back.
   */
  private readonly onChunk = async (stream: Stream, connection: Connection): Promise<void> => {
    const peer = connection.remotePeer.toString()
    const { budget } = this
    const lp = boundedLpStream(stream, MAX_REQUEST_BYTES, MAX_REQUEST_BYTES * MAX_PIPELINED_REQUESTS)
    const ended = new AbortController()
    const answers: Array<{ root?: string, answer: Promise<Answer> }> = []
    const readerTurn = new Wakeup()
    const writerTurn = new Wakeup()
    let readerDone = false
    let draining = false
    // Read ahead only once the peer has shown it takes what is sent: one that never reads pins one chunk per stream.
    let reads = false
    stream.addEventListener('close', () => { ended.abort(new Error('chunk stream closed')) }, { once: true })
    const reader = (async () => {
      try {
        while (true) {
          while ((answers.length >= (reads ? SERVER_READ_AHEAD : 1) || draining) && !ended.signal.aborted) await readerTurn.wait(undefined, ended.signal)
          ended.signal.throwIfAborted()
          let req: ChunkRequest
          try {
            req = decodeMessage(ChunkRequest, await lp.read({ signal: AbortSignal.any([ended.signal, AbortSignal.timeout(SERVER_IDLE_TIMEOUT)]) }), 'chunk request')
          } catch (err) {
            // The client closing its end between requests is the normal way a session ends.
            if ((err as Error).name === 'UnexpectedEOFError' && stream.readBufferLength === 0) return
            throw err
          }
          const root = rootString(req.root)
          const answer = this.answerChunk(req, root, peer, ended.signal)
          answer.catch(() => {})
          answers.push({ root, answer })
          writerTurn.wake()
        }
      } catch (err) {
        if (!ended.signal.aborted) logger('chunk stream from %s reset: %s', peer, (err as Error).message)
        stream.abort(err as Error)
      } finally {
        readerDone = true
        writerTurn.wake()
      }
    })()
    try {
      while (true) {
        if (answers.length === 0) {
          if (readerDone || ended.signal.aborted) break
          await writerTurn.wait(undefined, ended.signal)
          continue
        }
        const { root, answer } = answers[0]
        const { res, held } = await answer
        answers.shift()
        try {
          if (!stream.send(encodeChunkFrame(res.status, res.index, res.data))) {
            draining = true
            budget.blocked(peer, 1)
            try {
              await stream.onDrain({ signal: AbortSignal.any([ended.signal, AbortSignal.timeout(SERVER_DRAIN_TIMEOUT)]) })
            } finally {
              budget.blocked(peer, -1)
            }
            draining = false
          }
          reads = true
        } finally {
          budget.give(peer, held)
          readerTurn.wake()
        }
        // Counted once handed to the connection, so a peer that vanished mid-request is not credited.
        if (res.status === Status.OK) this.components.onServed?.(root!, peer, res.data.byteLength)
      }
      await reader
      if (stream.status === 'open') await stream.close({ signal: AbortSignal.timeout(REQUEST_TIMEOUT) })
    } catch (err) {
      if (!ended.signal.aborted) logger('chunk stream from %s reset: %s', peer, (err as Error).message)
      stream.abort(err as Error)
    } finally {
      ended.abort(new Error('chunk stream ended'))
      // Chunks read for requests that will not be answered now go back to the budget.
      for (const { answer } of answers.splice(0)) answer.then(a => { budget.give(peer, a.held) }, () => {})
    }
  }

  /** One chunk's answer, with the budget bytes it holds until sent; rejects when `signal` (the stream's end) aborts first. */
  private async answerChunk (req: ChunkRequest, root: string | undefined, peer: string, signal: AbortSignal): Promise<Answer> {
    const empty = new Uint8Array()
    if (root == null) return { res: { status: Status.BAD_REQUEST, index: req.index, data: empty }, held: 0 }
    const source = this.sourceFor(root, peer, req.proof)
    if (source == null || !source.has(req.index)) return { res: { status: Status.NOT_FOUND, index: req.index, data: empty }, held: 0 }
    const length = locateChunk(source.manifest, req.index).length
    await this.budget.take(peer, length, { signal })
    try {
      let data: Uint8Array
      try {
        // A read that hangs (a stalled disk, a misbehaving source) ends with the stream, giving its budget back.
        data = await raceSignal(source.read(req.index), signal)
      } catch (err) {
        logger('cannot serve chunk %d of %s: %s', req.index, root, (err as Error).message)
        this.budget.give(peer, length)
        return { res: { status: Status.UNAVAILABLE, index: req.index, data: empty }, held: 0 }
      }
      await this.components.uploadLimiter.take(data.byteLength, { signal: AbortSignal.any([signal, AbortSignal.timeout(SERVER_IDLE_TIMEOUT)]) })
      return { res: { status: Status.OK, index: req.index, data: data as Uint8Array<ArrayBuffer> }, held: length }
    } catch (err) {
      this.budget.give(peer, length)
      throw err
    }
  }
}
