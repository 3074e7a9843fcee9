/**
 * A client of a headless PeerShare instance over its loopback endpoint: the
 * same PeerShareApi the engine offers in-process, plus the event stream, so
 * the CLI and tests use a daemon as if it were an engine. Also finds the
 * daemon of a profile, if a live one runs.
 */
import { WebSocket } from 'ws'
import {
  API_COMMANDS, API_PATH_PREFIX, EVENTS_PATH, PeerShareApiError, isErrorCode,
  type ApiCommandName, type ApiErrorBody, type ApiRequest, type ApiResponse, type DaemonInfo, type PeerShareApi, type PeerShareEvent
} from '../../shared/index.js'
import { codeForHttpStatus } from './error-status.js'
import { ApiClientClosedError, ApiTimeoutError, DaemonUnreachableError } from './errors.js'
import { readDaemonInfo, readSecret, removeDaemonInfo } from './profile-secret.js'

/** Default deadline of a call, ms. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000

/** Deadlines of the calls that may take long, ms: share hashes the whole file before it answers. */
export const SLOW_CALL_TIMEOUTS_MS: Readonly<Partial<Record<ApiCommandName, number>>> = {
  share: 60 * 60_000,
  download: 10 * 60_000
}

export interface ConnectApiInit {
  /** Base URL of the endpoint, e.g. http://127.0.0.1:43121 (DaemonInfo.api). */
  url: string
  /** The profile's API secret. */
  secret: string
  /** Deadline of every call, ms; default 30 s, except the SLOW_CALL_TIMEOUTS_MS commands. */
  timeoutMs?: number
  /** Per-command deadlines, ms, overriding the above. */
  timeouts?: Partial<Record<ApiCommandName, number>>
}

export interface SubscribeOptions {
  /** Called once when the stream ends without unsubscribe() (daemon stopped, connection lost), with the reason if any. */
  onClose?: (error?: Error) => void
  /** Deadline for the WebSocket to open, ms; default 10 s. */
  timeoutMs?: number
}

/** Per-call options: an abort signal of the caller's, and a deadline overriding the client's. */
export interface CallOptions {
  signal?: AbortSignal
  timeoutMs?: number
}

/** Each command of the contract, also taking CallOptions. */
export type ApiClientCommands = {
  readonly [K in ApiCommandName]: (req: ApiRequest<K>, options?: CallOptions) => Promise<ApiResponse<K>>
}

/** The contract over HTTP, plus the event stream and a way to let go. */
export type ApiClient = PeerShareApi & ApiClientCommands & {
  /** Streams events to `listener` once the WebSocket is open; resolves to the unsubscribe function. */
  subscribe(listener: (event: PeerShareEvent) => void, options?: SubscribeOptions): Promise<() => void>
  /** Aborts calls in flight and closes every event stream. */
  close(): void
}

/** Builds a client of the endpoint at `url`. Nothing is sent until a command is called. */
export function connectApi (init: ConnectApiInit): ApiClient {
  const base = normalizeBaseUrl(init.url)
  const authorization = `Bearer ${init.secret}`
  const inFlight = new Set<AbortController>()
  const sockets = new Set<WebSocket>()
  let closed = false

  const deadlineFor = (command: ApiCommandName): number =>
    init.timeouts?.[command] ?? SLOW_CALL_TIMEOUTS_MS[command] ?? init.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS

  async function call (command: ApiCommandName, req: unknown, options: CallOptions = {}): Promise<unknown> {
    if (closed) throw new ApiClientClosedError()
    options.signal?.throwIfAborted()
    const timeoutMs = options.timeoutMs ?? deadlineFor(command)
    const controller = new AbortController()
    const timeout = AbortSignal.timeout(timeoutMs)
    const signals = [controller.signal, timeout, ...(options.signal != null ? [options.signal] : [])]
    inFlight.add(controller)
    let status: number
    let text: string
    try {
      const res = await fetch(`${base}${API_PATH_PREFIX}${command}`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(req ?? {}),
        signal: AbortSignal.any(signals),
        redirect: 'error'
      })
      status = res.status
      text = await res.text()
    } catch (err) {
      if (options.signal?.aborted === true) throw options.signal.reason
      if (timeout.aborted) throw new ApiTimeoutError(command, timeoutMs)
      if (controller.signal.aborted) throw new ApiClientClosedError()
      throw new DaemonUnreachableError(base, err)
    } finally {
      inFlight.delete(controller)
    }

    let body: unknown
    try {
      body = text === '' ? null : JSON.parse(text)
    } catch {
      throw new PeerShareApiError({ code: codeForHttpStatus(status), message: `The API answered HTTP ${status} with a body that is not JSON.` })
    }
    if (status >= 200 && status < 300) return body
    throw new PeerShareApiError(errorBodyOf(body, status))
  }

  async function subscribe (listener: (event: PeerShareEvent) => void, options: SubscribeOptions = {}): Promise<() => void> {
    if (closed) throw new ApiClientClosedError()
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}${EVENTS_PATH}`, {
      headers: { authorization },
      handshakeTimeout: options.timeoutMs ?? 10_000,
      followRedirects: false,
      perMessageDeflate: false
    })
    sockets.add(ws)
    let unsubscribed = false

    await new Promise<void>((resolve, reject) => {
      const fail = (err: Error): void => {
        sockets.delete(ws)
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
          const status = res.statusCode ?? 0
          let body: unknown
          try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')) } catch { body = null }
          fail(new PeerShareApiError(errorBodyOf(body, status)))
        })
      })
      ws.once('error', err => {
        if (closed) fail(new ApiClientClosedError())
        else if (/handshake has timed out/i.test(err.message)) fail(new ApiTimeoutError('events', options.timeoutMs ?? 10_000))
        else fail(new DaemonUnreachableError(base, err))
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
      sockets.delete(ws)
      if (unsubscribed) return
      const why = lastError ?? (code === 1000 || code === 1001 ? undefined : new Error(`event stream closed (${code}${reason.length > 0 ? ` ${reason.toString()}` : ''})`))
      options.onClose?.(why)
    })

    return () => {
      if (unsubscribed) return
      unsubscribed = true
      sockets.delete(ws)
      ws.close(1000)
      // Do not wait for the closing handshake of a peer that may be gone.
      setTimeout(() => { ws.terminate() }, 1000).unref()
    }
  }

  const client: Record<string, unknown> = {
    subscribe,
    close (): void {
      if (closed) return
      closed = true
      for (const controller of inFlight) controller.abort()
      inFlight.clear()
      for (const ws of sockets) ws.terminate()
      sockets.clear()
    }
  }
  for (const command of API_COMMANDS) {
    client[command] = async (req: unknown, options?: CallOptions) => await call(command, req, options)
  }
  return client as ApiClient
}

export interface FindDaemonOptions {
  /** How long the daemon has to answer `status`, ms; default 2 s. */
  timeoutMs?: number
}

/**
 * Finds the live daemon of a profile: reads its daemon file and secret, and
 * checks that the process is alive and its API answers `status` in time.
 * Returns null when there is none; a daemon file left behind by a dead or
 * unresponsive daemon is removed.
 */
export async function findDaemon (profileDir: string, options: FindDaemonOptions = {}): Promise<{ info: DaemonInfo, client: ApiClient } | null> {
  const info = await readDaemonInfo(profileDir)
  if (info == null) return null

  const stale = async (): Promise<null> => {
    await removeDaemonInfo(profileDir, { pid: info.pid }).catch(() => {})
    return null
  }

  if (!isProcessAlive(info.pid)) return await stale()
  const secret = await readSecret(profileDir)
  if (secret == null) return await stale()

  const client = connectApi({ url: info.api, secret })
  try {
    await client.status({}, { timeoutMs: options.timeoutMs ?? 2000 })
  } catch {
    client.close()
    // The process lives but its API does not answer here (busy, starting, or in another network
    // namespace): leave its file alone. If it really holds the profile, the caller's own engine
    // will say the profile is in use; if the pid was reused, the caller's engine just works.
    return null
  }
  return { info, client }
}

/** Whether a process with this id exists (it may belong to another user). */
export function isProcessAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function normalizeBaseUrl (url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new TypeError(`Not an API URL: ${url}`)
  }
  if (parsed.protocol !== 'http:') throw new TypeError(`The API URL must start with http:// (got ${url})`)
  return `${parsed.protocol}//${parsed.host}`
}

function errorBodyOf (body: unknown, status: number): ApiErrorBody {
  const error = (body as { error?: { code?: unknown, message?: unknown } } | null)?.error
  if (error != null && isErrorCode(error.code) && typeof error.message === 'string') {
    return { code: error.code, message: error.message }
  }
  return { code: codeForHttpStatus(status), message: `The API answered HTTP ${status}.` }
}
