/**
 * A bare libp2p stream, measured: the push protocol the lab nodes use to
 * time a path with nothing of PeerShare's on top. The sender writes an
 * 8-byte length and then the bytes, honouring backpressure; the receiver
 * answers with the count it read, so the time covers every byte landing
 * (a stream's close resolves before the remote has read everything).
 * Also how a connection looks from outside, as plain JSON.
 */
import { Uint8ArrayList } from 'uint8arraylist'
import { connectionPath } from '../../electron/core/node/connection-path.js'
import type { ConnectionPath } from '../../shared/index.js'
import type { AbortOptions, Connection, Stream } from '@libp2p/interface'

export const PUSH_PROTOCOL = '/peershare-lab/push/1.0.0'

/** One write; the transports cut it further (WebRTC to 16 KiB messages). */
const WRITE_BYTES = 256 * 1024
const PAYLOAD = new Uint8Array(WRITE_BYTES).map((_, i) => (i * 2654435761) >>> 24)

/** The path a connection takes, as PeerShare tells it (electron/core/node/connection-path.ts). */
export type LabPath = ConnectionPath

/** A connection as JSON. */
export interface ConnectionInfo {
  readonly id: string
  readonly remotePeer: string
  readonly remoteAddr: string
  readonly direction: string
  readonly status: string
  /** What is left of a relay's limits on this connection; null when there are none. */
  readonly limits: { bytes?: number, seconds?: number } | null
  /** libp2p's own flag: false for a connection through a relay. */
  readonly direct: boolean
  readonly multiplexer?: string
  readonly encryption?: string
  readonly path: LabPath
}

export function describeConnection (c: Connection): ConnectionInfo {
  const limits = c.limits == null ? null : { bytes: c.limits.bytes == null ? undefined : Number(c.limits.bytes), seconds: c.limits.seconds }
  const remoteAddr = c.remoteAddr.toString()
  return {
    id: c.id,
    remotePeer: c.remotePeer.toString(),
    remoteAddr,
    direction: c.direction,
    status: c.status,
    limits,
    multiplexer: c.multiplexer,
    encryption: c.encryption,
    direct: c.direct,
    path: connectionPath(c).path
  }
}

/** What the sender saw. */
export interface PushResult {
  readonly ok: boolean
  /** Bytes handed to the stream (all of them when ok). */
  readonly sent: number
  readonly ms: number
  readonly mibPerSec?: number
  /** The error's name and message when the push failed, e.g. when a relay reset the stream at its limit. */
  readonly error?: string
  /** The top of the error's stack, to tell which layer gave up. */
  readonly where?: string
  /** The stream's status when the push failed ('reset', 'aborted', 'closed', …). */
  readonly streamStatus?: string
  readonly connection: ConnectionInfo
}

/** The receiver acknowledges every this many bytes, and once more at the end. */
const ACK_EVERY = 1024 * 1024
/** Default bytes in flight (sent, not yet acknowledged). */
export const DEFAULT_PUSH_WINDOW = 8 * 1024 * 1024

/**
 * Pushes `bytes` over a new stream on `connection` and waits for the
 * receiver's final count. At most `window` bytes are unacknowledged at a
 * time (0: no limit). The window matters on relayed connections: there
 * `send()` accepts everything at once, and libp2p's connection monitor,
 * whose pings then queue behind it, aborts the connection (docs/reach.md).
 */
export async function sendPush (connection: Connection, bytes: number, options: AbortOptions & { window?: number }): Promise<PushResult> {
  const started = Date.now()
  const window = options.window ?? DEFAULT_PUSH_WINDOW
  let sent = 0
  let stream: Stream | undefined
  try {
    stream = await connection.newStream(PUSH_PROTOCOL, { runOnLimitedConnection: true, signal: options.signal })
    const acks = new AckReader(stream, options)
    if (!stream.send(u64(bytes))) await stream.onDrain(options)
    while (sent < bytes) {
      if (window > 0) await acks.waitFor(sent + Math.min(WRITE_BYTES, bytes - sent) - window)
      const n = Math.min(WRITE_BYTES, bytes - sent)
      sent += n
      if (!stream.send(PAYLOAD.subarray(0, n))) await stream.onDrain(options)
    }
    await acks.waitFor(bytes)
    const ms = Date.now() - started
    await stream.close(options).catch(err => stream?.abort(err as Error))
    return { ok: true, sent, ms, mibPerSec: bytes / 1048576 / (ms / 1000), connection: describeConnection(connection) }
  } catch (err) {
    const streamStatus = stream?.status
    stream?.abort(err as Error)
    return {
      ok: false,
      sent,
      ms: Date.now() - started,
      error: `${(err as Error).name}: ${(err as Error).message}`,
      where: (err as Error).stack?.split('\n').slice(1, 6).map(l => l.trim()).join(' | '),
      streamStatus,
      connection: describeConnection(connection)
    }
  }
}

/** What the receiver saw. */
export interface PushReceived {
  readonly expected: number
  readonly received: number
  readonly ms: number
  readonly error?: string
}

/** Reads one push to its end, acknowledging what arrived as it goes and answering with the final count. */
export async function receivePush (stream: Stream): Promise<PushReceived> {
  const started = Date.now()
  let expected = -1
  let received = 0
  let answered = false
  let acked = 0
  const head = new Uint8ArrayList()
  try {
    for await (const chunk of stream) {
      if (expected < 0) {
        head.append(chunk)
        if (head.byteLength < 8) continue
        expected = Number(head.getBigUint64(0))
        received = head.byteLength - 8
      } else {
        received += chunk.byteLength
      }
      // Counts are cumulative: one now and then keeps the sender's window moving, one at the end closes it.
      if (!answered && received >= expected) {
        answered = true
        stream.send(u64(received))
      } else if (!answered && received - acked >= ACK_EVERY) {
        acked = received
        stream.send(u64(acked))
      }
    }
    const ms = Date.now() - started
    await stream.close({ signal: AbortSignal.timeout(10_000) }).catch(err => { stream.abort(err as Error) })
    if (!answered) return { expected, received, ms, error: 'the sender ended the stream early' }
    return { expected, received, ms }
  } catch (err) {
    stream.abort(err as Error)
    return { expected, received, ms: Date.now() - started, error: `${(err as Error).name}: ${(err as Error).message}` }
  }
}

function u64 (n: number): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(n))
  return out
}

/** Reads the receiver's 8-byte counts as they come; `waitFor(n)` resolves once it has counted n bytes. */
class AckReader {
  private acked = 0
  private failure?: Error
  private wake?: () => void

  constructor (stream: Stream, options: AbortOptions) {
    void this.read(stream, options).catch((err: Error) => { this.failure = err }).finally(() => this.wake?.())
  }

  async waitFor (n: number): Promise<void> {
    while (this.acked < n) {
      if (this.failure != null) throw this.failure
      await new Promise<void>(resolve => { this.wake = resolve })
    }
  }

  private async read (stream: Stream, options: AbortOptions): Promise<void> {
    const buffer = new Uint8ArrayList()
    const aborted = new Promise<never>((_resolve, reject) => {
      options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true })
    })
    aborted.catch(() => {})
    const iterator = stream[Symbol.asyncIterator]()
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted])
      if (next.done === true) throw new Error(`the stream ended after the receiver counted ${this.acked} bytes`)
      buffer.append(next.value)
      while (buffer.byteLength >= 8) {
        this.acked = Number(buffer.getBigUint64(0))
        buffer.consume(8)
      }
      this.wake?.()
    }
  }
}
