/**
 * The event stream of a daemon, for Node callers (the CLI, tests): one
 * WebSocket to /api/events carrying the secret as a header, opened with a
 * deadline, reporting a refused upgrade as the API error it carried and a
 * stream that ends on its own to `onClose`. The browser's self-healing
 * stream is the renderer's own (renderer/src/bridge/event-socket.ts): a
 * browser can neither send the header nor read a refused upgrade's answer.
 */
import { WebSocket } from 'ws'
import {
  ApiClientClosedError, ApiTimeoutError, DaemonUnreachableError, EVENTS_PATH, toApiError, type PeerShareEvent
} from '../../shared/index.js'
import { UNREACHABLE_HINT } from './errors.js'

/** Deadline for the WebSocket to open, ms. */
export const EVENTS_OPEN_TIMEOUT = 10_000

export interface SubscribeOptions {
  /** Called once when the stream ends without unsubscribe() (daemon stopped, connection lost), with the reason if any. */
  onClose?: (error?: Error) => void
  /** Deadline for the WebSocket to open, ms; default EVENTS_OPEN_TIMEOUT. */
  timeoutMs?: number
}

export interface EventStreamInit {
  /** The endpoint's origin, e.g. http://127.0.0.1:43121. */
  readonly url: string
  readonly secret: string
  /** The owning client's: aborting it drops the stream at once. */
  readonly signal: AbortSignal
}

/** Streams events to `listener` once the WebSocket is open; resolves to the unsubscribe function. */
export async function openEventStream (init: EventStreamInit, listener: (event: PeerShareEvent) => void, options: SubscribeOptions = {}): Promise<() => void> {
  if (init.signal.aborted) throw new ApiClientClosedError()
  const timeoutMs = options.timeoutMs ?? EVENTS_OPEN_TIMEOUT
  const ws = new WebSocket(`${init.url.replace(/^http/, 'ws')}${EVENTS_PATH}`, {
    headers: { authorization: `Bearer ${init.secret}` },
    handshakeTimeout: timeoutMs,
    followRedirects: false,
    perMessageDeflate: false
  })
  const drop = (): void => { ws.terminate() }
  init.signal.addEventListener('abort', drop, { once: true })
  let unsubscribed = false

  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error): void => {
      init.signal.removeEventListener('abort', drop)
      ws.removeAllListeners()
      ws.on('error', () => {})
      ws.terminate()
      reject(err)
    }
    ws.once('open', () => {
      ws.removeAllListeners('unexpected-response')
      resolve()
    })
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', () => {})
      res.on('end', () => {
        let body: unknown
        try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')) } catch { body = null }
        fail(toApiError(body, res.statusCode ?? 0))
      })
    })
    ws.once('error', err => {
      if (init.signal.aborted) fail(new ApiClientClosedError())
      else if (/handshake has timed out/i.test(err.message)) fail(new ApiTimeoutError('events', timeoutMs))
      else fail(new DaemonUnreachableError(init.url, err, UNREACHABLE_HINT))
    })
  })

  ws.on('message', (data, isBinary) => {
    if (isBinary) return
    let event: PeerShareEvent
    try {
      event = JSON.parse(data.toString()) as PeerShareEvent
    } catch {
      return
    }
    listener(event)
  })
  let lastError: Error | undefined
  ws.on('error', err => { lastError = err })
  ws.once('close', (code, reason) => {
    init.signal.removeEventListener('abort', drop)
    if (unsubscribed) return
    const why = lastError ?? (code === 1000 || code === 1001 ? undefined : new Error(`event stream closed (${code}${reason.length > 0 ? ` ${reason.toString()}` : ''})`))
    options.onClose?.(why)
  })

  return () => {
    if (unsubscribed) return
    unsubscribed = true
    ws.close(1000)
    // Do not wait for the closing handshake of a peer that may be gone.
    setTimeout(() => { ws.terminate() }, 1000).unref()
  }
}
