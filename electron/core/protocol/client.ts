/**
 * The asking side of PeerShare's protocols: fetch and verify a manifest,
 * ask which chunks a peer has, and a chunk session that keeps several chunk
 * requests in flight on one stream with a stall watchdog, handing chunk
 * data over without copying it.
 */
import * as varint from 'uint8-varint'
import { Uint8ArrayList } from 'uint8arraylist'
import { PeerShareError, ManifestInvalidError } from '../errors.js'
import { rootOf, type Manifest } from '../content/manifest.js'
import { assembleManifest, decodeRootBlock } from '../content/paged-manifest.js'
import { Bitfield } from '../util/bitfield.js'
import { ChunkFrameDecoder, ChunkFrameError } from './chunk-frames.js'
import { askOnce } from './one-exchange.js'
import { BlockRequest, BlockResponse, ChunkRequest, HaveRequest, HaveResponse, ManifestRequest, ManifestResponse, Status } from '../pb/messages.js'
import {
  MAX_BLOCK_RESPONSE_BYTES, MAX_CHUNK_RESPONSE_BYTES, MAX_HAVE_RESPONSE_BYTES, MAX_MANIFEST_RESPONSE_BYTES,
  PROTOCOL_BLOCK, PROTOCOL_CHUNK, PROTOCOL_HAVE, PROTOCOL_MANIFEST
} from './constants.js'
import { CHUNK_STALL_TIMEOUT, REQUEST_TIMEOUT } from '../defaults.js'
import type { Prover } from '../access/share-keys.js'
import type { AbortOptions, PeerId, Stream } from '@libp2p/interface'
import type { CID } from 'multiformats/cid'
import type { MessageCodec as Codec } from './constants.js'

/** What the client needs from the node. */
export interface Dialer {
  dialProtocol(peer: PeerId, protocols: string | string[], options?: AbortOptions & { negotiateFully?: boolean }): Promise<Stream>
}

/** The peer answered, but does not have what was asked. */
export class NotAvailableError extends PeerShareError {
  constructor (what: string) { super('not-found', `The peer does not have ${what}.`); this.name = 'NotAvailableError' }
}

/** The peer broke the protocol (wrong order, wrong sizes). */
export class ProtocolViolationError extends PeerShareError {
  constructor (message: string) { super('transfer-failed', message); this.name = 'ProtocolViolationError' }
}

/** A chunk stream on which nothing arrived for too long. */
export class PeerStalledError extends PeerShareError {
  constructor (peer: string) { super('transfer-failed', `Peer ${peer} stopped sending.`); this.name = 'PeerStalledError' }
}

/** A request's options: its abort signal, and for a private share the proof each server is shown. */
export interface RequestOptions extends AbortOptions {
  prove?: Prover
}

/** The proof field of a request to `peer`: empty for a public share, so the request is byte-for-byte what older PeerShares send. */
function proofField (prove: Prover | undefined, peer: PeerId): Uint8Array<ArrayBuffer> {
  return (prove?.(peer) ?? new Uint8Array()) as Uint8Array<ArrayBuffer>
}

function withDeadline (options: AbortOptions, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms)
  return options.signal == null ? timeout : AbortSignal.any([options.signal, timeout])
}

/** One request about a root on a fresh stream, one bounded response, within REQUEST_TIMEOUT. */
async function exchange<Req extends { root: Uint8Array<ArrayBuffer>, proof: Uint8Array<ArrayBuffer> }, Res> (dialer: Dialer, peer: PeerId, protocol: string, fields: Omit<Req, 'proof'>, request: Codec<Req>, response: Codec<Res>, maxResponseBytes: number, options: RequestOptions): Promise<Res> {
  const req = request.encode({ ...fields, proof: proofField(options.prove, peer) } as Req)
  return await askOnce(dialer, peer, protocol, req, response, { signal: options.signal, maxResponseBytes, timeout: REQUEST_TIMEOUT })
}

/** A manifest as fetched: the root block's bytes, and for version 2 the listing's pages (to keep and serve). */
export interface FetchedManifest {
  readonly manifest: Manifest
  readonly bytes: Uint8Array
  readonly pages: readonly Uint8Array[]
}

/**
 * Fetches a manifest's root block and checks it hashes to `root`; for
 * version 2, then fetches every page of its listing from the same peer,
 * each checked against the digest the root names (BlockMismatchError
 * otherwise). Chunk hash pieces are fetched later, as chunks need them.
 */
export async function fetchManifest (dialer: Dialer, peer: PeerId, root: CID, options: RequestOptions = {}): Promise<FetchedManifest> {
  const res = await exchange(dialer, peer, PROTOCOL_MANIFEST, { root: root.bytes as Uint8Array<ArrayBuffer> }, ManifestRequest, ManifestResponse, MAX_MANIFEST_RESPONSE_BYTES, options)
  if (res.status !== Status.OK) throw new NotAvailableError(`the manifest of ${root}`)
  // The decoded field is a view of the received bytes; the manifest is kept (stored, served), so it gets its own copy first.
  const bytes = Uint8Array.from(res.manifest)
  const actual = await rootOf(bytes)
  if (!actual.equals(root)) throw new ManifestInvalidError(`the manifest sent by ${peer} does not hash to ${root}.`)
  const block = decodeRootBlock(bytes)
  if (block.version === 1) return { manifest: block.manifest, bytes, pages: [] }
  const from = peer.toString()
  const { manifest, pages } = await assembleManifest(block.root, async digest => ({ bytes: await fetchBlock(dialer, peer, root, digest, options), from }))
  return { manifest, bytes, pages }
}

/** Fetches one block of a root's manifest by its digest; the caller checks it against the digest. */
export async function fetchBlock (dialer: Dialer, peer: PeerId, root: CID, digest: Uint8Array, options: RequestOptions = {}): Promise<Uint8Array> {
  const res = await exchange(dialer, peer, PROTOCOL_BLOCK, { root: root.bytes as Uint8Array<ArrayBuffer>, digest: digest as Uint8Array<ArrayBuffer> }, BlockRequest, BlockResponse, MAX_BLOCK_RESPONSE_BYTES, options)
  if (res.status !== Status.OK) throw new NotAvailableError(`a block of the manifest of ${root}`)
  return Uint8Array.from(res.data)
}

/** Asks which chunks of `root` a peer holds. */
export async function fetchHave (dialer: Dialer, peer: PeerId, root: CID, chunkCount: number | undefined, options: RequestOptions = {}): Promise<Bitfield> {
  const res = await exchange(dialer, peer, PROTOCOL_HAVE, { root: root.bytes as Uint8Array<ArrayBuffer> }, HaveRequest, HaveResponse, MAX_HAVE_RESPONSE_BYTES, options)
  return haveOf(res, chunkCount, peer.toString(), root.toString())
}

/** The chunks a have response says the peer holds, checked against the share's chunk count when known. */
export function haveOf (res: HaveResponse, chunkCount: number | undefined, peer: string, root: string): Bitfield {
  if (res.status !== Status.OK) throw new NotAvailableError(root)
  if (chunkCount != null && res.chunkCount !== chunkCount) throw new ProtocolViolationError(`Peer ${peer} reports ${res.chunkCount} chunks for a share of ${chunkCount}.`)
  if (res.bitfield.byteLength !== Math.ceil(res.chunkCount / 8)) throw new ProtocolViolationError(`Peer ${peer} sent a bitfield of the wrong length.`)
  return new Bitfield(res.chunkCount, res.bitfield)
}

interface Pending {
  readonly index: number
  resolve(data: Uint8ArrayList): void
  reject(err: Error): void
}

export interface ChunkSessionInit {
  /** Most requests this session will have outstanding. */
  maxInFlight: number
  /** Nothing received for this long with requests outstanding aborts the session, ms. Default CHUNK_STALL_TIMEOUT. */
  stallTimeout?: number
  /** A private share's proofs; default none (a public share). */
  prove?: Prover
}

/**
 * One stream to one peer for one root, with pipelined requests answered in
 * order. Responses are cut out of the received bytes as they arrive, and a
 * chunk's data is handed over as the pieces it arrived in, never copied.
 */
export class ChunkSession {
  private readonly dialer: Dialer
  private readonly peer: PeerId
  private readonly root: CID
  private readonly stallTimeout: number
  private readonly maxInFlight: number
  /** Every request carries it: the server checks each one on its own. */
  private readonly proof: Uint8Array<ArrayBuffer>
  private readonly decoder = new ChunkFrameDecoder(MAX_CHUNK_RESPONSE_BYTES)
  private opening?: Promise<Stream>
  private readonly pending: Pending[] = []
  private failed?: Error
  private lastActivity = Date.now()
  private watchdog?: ReturnType<typeof setInterval>

  constructor (dialer: Dialer, peer: PeerId, root: CID, init: ChunkSessionInit) {
    this.dialer = dialer
    this.peer = peer
    this.root = root
    this.maxInFlight = init.maxInFlight
    this.stallTimeout = init.stallTimeout ?? CHUNK_STALL_TIMEOUT
    this.proof = proofField(init.prove, peer)
  }

  /** Requests one chunk; resolves with its (unverified) bytes, as received. */
  async request (index: number, options: AbortOptions = {}): Promise<Uint8ArrayList> {
    if (this.failed != null) throw this.failed
    if (this.pending.length >= this.maxInFlight) throw new Error('too many chunk requests in flight')
    // The stall clock starts when the session goes from idle to waiting.
    if (this.pending.length === 0) this.lastActivity = Date.now()
    const result = new Promise<Uint8ArrayList>((resolve, reject) => { this.pending.push({ index, resolve, reject }) })
    try {
      const stream = await this.open(options)
      if (!stream.send(lengthPrefixed(ChunkRequest.encode({ root: this.root.bytes as Uint8Array<ArrayBuffer>, index, proof: this.proof })))) await stream.onDrain(options)
    } catch (err) {
      this.fail(err as Error)
    }
    return result
  }

  private async open (options: AbortOptions): Promise<Stream> {
    this.opening ??= (async () => {
      const stream = await this.dialer.dialProtocol(this.peer, PROTOCOL_CHUNK, { signal: withDeadline(options, REQUEST_TIMEOUT), negotiateFully: false })
      stream.addEventListener('message', evt => { this.onData(evt.data) })
      stream.addEventListener('remoteCloseWrite', () => {
        if (this.pending.length > 0) this.fail(new ProtocolViolationError(`Peer ${this.peer} closed the chunk stream with ${this.pending.length} requests unanswered.`))
      })
      stream.addEventListener('close', evt => { this.fail(evt.error ?? new Error(`The chunk stream to ${this.peer} closed.`)) })
      this.watchdog = setInterval(() => {
        if (this.pending.length > 0 && Date.now() - this.lastActivity > this.stallTimeout) this.fail(new PeerStalledError(this.peer.toString()))
      }, Math.min(1000, this.stallTimeout / 2))
      this.watchdog.unref?.()
      if (this.failed != null) stream.abort(this.failed)
      return stream
    })()
    return this.opening
  }

  /** Bytes arrived: answer every request whose response is now complete. */
  private onData (data: Uint8Array | Uint8ArrayList): void {
    if (this.failed != null) return
    this.lastActivity = Date.now()
    try {
      this.decoder.push(data)
      for (let frame = this.decoder.next(); frame != null; frame = this.decoder.next()) {
        const next = this.pending.shift()
        if (next == null) throw new ProtocolViolationError(`Peer ${this.peer} sent chunk ${frame.index} that was not asked for.`)
        if (frame.index !== next.index) throw new ProtocolViolationError(`Peer ${this.peer} answered chunk ${frame.index} when ${next.index} was due.`)
        if (frame.status === Status.OK) next.resolve(frame.data)
        else next.reject(new NotAvailableError(`chunk ${next.index}`))
      }
    } catch (err) {
      this.fail(err instanceof ChunkFrameError ? new ProtocolViolationError(`Peer ${this.peer} sent a malformed chunk response: ${err.message}`) : err as Error)
    }
  }

  /** Ends the session: outstanding requests are rejected with `err`, the stream is reset. */
  fail (err: Error): void {
    if (this.failed != null) return
    this.failed = err
    clearInterval(this.watchdog)
    for (const p of this.pending.splice(0)) p.reject(err)
    void this.opening?.then(stream => { stream.abort(err) }, () => {})
  }

  /** Closes the stream politely once nothing is outstanding. */
  async close (): Promise<void> {
    if (this.failed != null) return
    this.failed = new Error('session closed')
    clearInterval(this.watchdog)
    for (const p of this.pending.splice(0)) p.reject(this.failed)
    const stream = await this.opening?.catch(() => undefined)
    await stream?.close({ signal: AbortSignal.timeout(2000) }).catch(err => stream.abort(err))
  }
}

/** A message behind its varint length, as lpStream frames it. */
function lengthPrefixed (message: Uint8Array): Uint8ArrayList {
  return new Uint8ArrayList(varint.encode(message.byteLength), message)
}
