/**
 * A bare libp2p node inside the test process (TCP, Noise, Yamux, identify),
 * for tests that must speak to a daemon below the PeerShare engine: send
 * malformed frames, or play a hostile peer. Stopped at cleanup.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import type { Stream } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { createLibp2p, type Libp2p } from 'libp2p'
import * as varint from 'uint8-varint'
import { registerCleanup } from './cleanup.js'

/** The chunk protocol id; the network name does not change it. */
export const CHUNK_PROTOCOL = '/peershare/chunk/1.0.0'
/** The manifest protocol id. */
export const MANIFEST_PROTOCOL = '/peershare/manifest/1.0.0'

/** Starts a raw node listening on loopback. */
export async function createRawNode (): Promise<Libp2p> {
  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify() }
  })
  await node.start()
  registerCleanup('stop raw libp2p node', async () => {
    // A node whose streams a test left paused or half-written may not stop politely: abort what is left.
    const timer = setTimeout(() => { for (const c of node.getConnections()) c.abort(new Error('test cleanup')) }, 5_000)
    try {
      await node.stop()
    } finally {
      clearTimeout(timer)
    }
  }, 'processes')
  return node
}

/** Unsigned LEB128 varint, as used by length-prefixed libp2p frames. */
export function encodeVarint (value: number): Uint8Array {
  return varint.encode(value)
}

/** Decodes a varint at the start of `buf`; undefined if incomplete. */
export function decodeVarint (buf: Uint8Array): { value: number, bytes: number } | undefined {
  try {
    const value = varint.decode(buf)
    return { value, bytes: varint.encodingLength(value) }
  } catch {
    return undefined
  }
}

/** Prefixes a message with its varint length. */
export function lengthPrefixed (message: Uint8Array): Uint8Array {
  const prefix = encodeVarint(message.length)
  const out = new Uint8Array(prefix.length + message.length)
  out.set(prefix, 0)
  out.set(message, prefix.length)
  return out
}

/** Sends bytes on a stream, honouring backpressure for at most `timeoutMs` (default 30 s). */
export async function sendAll (stream: Stream, bytes: Uint8Array, timeoutMs = 30_000): Promise<void> {
  if (!stream.send(bytes)) await stream.onDrain({ signal: AbortSignal.timeout(timeoutMs) })
}

/** How a stream ended from our side's point of view. */
export interface StreamOutcome {
  /** 'ended': the remote closed its end cleanly; 'reset': the stream was reset or aborted; 'open': still open at the deadline. */
  readonly how: 'ended' | 'reset' | 'open'
  readonly bytesReceived: number
  readonly status: string
  readonly error?: string
  readonly ms: number
}

/**
 * Reads a stream until the remote ends or resets it, or until `timeoutMs`
 * passes (then the outcome is 'open' and we abort it ourselves).
 */
export async function readUntilClosed (stream: Stream, timeoutMs: number): Promise<StreamOutcome> {
  const started = Date.now()
  let bytesReceived = 0
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    stream.abort(new Error('test deadline: the remote kept the stream open'))
  }, timeoutMs)
  try {
    for await (const buf of stream) bytesReceived += buf.byteLength
    const how = timedOut ? 'open' : (stream.status === 'reset' || stream.status === 'aborted' ? 'reset' : 'ended')
    return { how, bytesReceived, status: stream.status, ms: Date.now() - started }
  } catch (err) {
    return { how: timedOut ? 'open' : 'reset', bytesReceived, status: stream.status, error: (err as Error).message, ms: Date.now() - started }
  } finally {
    clearTimeout(timer)
  }
}
