/**
 * The one client of the loopback HTTP API (http.ts), for every caller: the
 * CLI and tests in Node, the web UI in a browser. Each command is a POST with
 * the secret as a Bearer credential and the command's deadline from
 * API_DEADLINES; an answer that is not 2xx comes back as the
 * PeerShareApiError the engine threw. Built on fetch alone, so it runs
 * wherever fetch does. Events travel over a WebSocket, which each side opens
 * in its own way.
 */
import { API_COMMANDS, API_DEADLINES, type ApiCommandName, type ApiRequest, type ApiResponse } from './api.js'
import { ApiClientClosedError, ApiTimeoutError, DaemonUnreachableError } from './client-errors.js'
import { PeerShareApiError, toApiError } from './errors.js'
import { API_PATH_PREFIX } from './http.js'
import { codeForHttpStatus } from './http-status.js'

export interface ApiClientInit {
  /** The endpoint's origin, e.g. http://127.0.0.1:43121 (DaemonInfo.api, or the page's own origin). */
  readonly url: string
  /** The profile's API secret. */
  readonly secret: string
  /** Per-command deadlines, ms, in place of API_DEADLINES' client ones; for tests. */
  readonly timeouts?: Partial<Record<ApiCommandName, number>>
  /** What to tell a person when the endpoint cannot be reached; default: ask whether PeerShare still runs. */
  readonly unreachableHint?: string
}

/** Per-call options: an abort signal of the caller's, and a deadline in place of the command's. */
export interface CallOptions {
  readonly signal?: AbortSignal
  readonly timeoutMs?: number
}

/** Each command of the contract, also taking CallOptions. */
export type ApiClientCommands = {
  readonly [K in ApiCommandName]: (req: ApiRequest<K>, options?: CallOptions) => Promise<ApiResponse<K>>
}

/** The contract over HTTP, and a way to let go. */
export type HttpApiClient = ApiClientCommands & {
  /** Aborts the calls in flight; later calls fail with ApiClientClosedError. */
  close(): void
}

/** Builds a client of the endpoint at `init.url`. Nothing is sent until a command is called. */
export function createApiClient (init: ApiClientInit): HttpApiClient {
  const base = originOf(init.url)
  const authorization = `Bearer ${init.secret}`
  const inFlight = new Set<AbortController>()
  let closed = false

  async function call (command: ApiCommandName, req: unknown, options: CallOptions = {}): Promise<unknown> {
    if (closed) throw new ApiClientClosedError()
    options.signal?.throwIfAborted()
    const timeoutMs = options.timeoutMs ?? init.timeouts?.[command] ?? API_DEADLINES[command].client
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
        credentials: 'omit',
        redirect: 'error'
      })
      status = res.status
      text = await res.text()
    } catch (err) {
      if (options.signal?.aborted === true) throw options.signal.reason
      if (timeout.aborted) throw new ApiTimeoutError(command, timeoutMs)
      if (controller.signal.aborted) throw new ApiClientClosedError()
      throw new DaemonUnreachableError(base, err, init.unreachableHint)
    } finally {
      inFlight.delete(controller)
    }

    let body: unknown
    try {
      body = text === '' ? null : JSON.parse(text)
    } catch {
      throw new PeerShareApiError({ code: codeForHttpStatus(status), message: `PeerShare answered "${command}" with something that is not JSON (HTTP ${status}).` })
    }
    if (status >= 200 && status < 300) return body
    throw toApiError(body, status)
  }

  const client: Record<string, unknown> = {
    close (): void {
      if (closed) return
      closed = true
      for (const controller of inFlight) controller.abort()
      inFlight.clear()
    }
  }
  for (const command of API_COMMANDS) {
    client[command] = async (req: unknown, options?: CallOptions) => await call(command, req, options)
  }
  return client as HttpApiClient
}

/** `http://127.0.0.1:43121/anything` → `http://127.0.0.1:43121`; anything but an http(s) URL is a TypeError. */
function originOf (url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new TypeError(`Not an API URL: ${url}`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`The API URL must start with http:// (got ${url})`)
  return `${parsed.protocol}//${parsed.host}`
}
