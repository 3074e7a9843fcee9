/**
 * The headless host's loopback endpoint: binds the PeerShare contract to
 * HTTP (`POST /api/<command>`) and a WebSocket event stream
 * (`GET /api/events`) as shared/http.ts lays down, for the CLI, scripts and
 * a browser UI. It listens on 127.0.0.1 only and lets in only requests that
 * name it by its loopback address, come from no foreign origin and carry the
 * profile's secret. Non-API GETs serve a built UI when one is configured.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { Startable } from '@libp2p/interface'
import { WebSocketServer, type WebSocket } from 'ws'
import { toErrorBody, type Engine } from '../core/index.js'
import {
  API_PATH_PREFIX, EVENTS_PATH, MAX_API_BODY_BYTES, METRICS_PATH, httpStatusForCode, isApiCommand,
  type ApiErrorBody, type PeerShareEvent
} from '../../shared/index.js'
import { BadJsonBodyError, BodyTooLargeError, readJsonBody } from './json-body.js'
import { SecretCheck, hasQuerySecret, isAllowedHost, isAllowedOrigin, presentedSecret } from './request-guard.js'
import { sendText, serveStatic } from './static-files.js'

/** The address the endpoint listens on; never anything reachable from another machine. */
export const API_HOST = '127.0.0.1'

/** What the server needs from the engine: its commands and its events. */
export interface ApiServerComponents {
  engine: Pick<Engine, 'api' | 'subscribe'>
}

export interface ApiServerInit {
  /** The profile's secret every /api request must present. */
  secret: string
  /** TCP port on 127.0.0.1; default 0: the system picks a free one. */
  port?: number
  /** Folder of a built web UI served for GETs outside /api/; default none: GET / answers a short text page saying the UI is not built. */
  staticDir?: string
  /** Largest request body in bytes; default MAX_API_BODY_BYTES (1 MiB). */
  maxBodyBytes?: number
  /** Bytes of events queued for one WebSocket client before it is dropped as too slow; default 16 MiB. */
  maxEventBacklogBytes?: number
}

const NOT_BUILT_PAGE = [
  'PeerShare is running.',
  '',
  'The web UI is not built into this host, so there is nothing to show here.',
  `The API answers at ${API_PATH_PREFIX}<command> (POST, JSON, Authorization: Bearer <secret>),`,
  `and events stream over a WebSocket at ${EVENTS_PATH}.`,
  ''
].join('\n')

/** The loopback HTTP/WebSocket binding of an engine. */
export class ApiServer implements Startable {
  readonly #engine: ApiServerComponents['engine']
  readonly #secret: SecretCheck
  readonly #requestedPort: number
  readonly #staticDir: string | undefined
  readonly #maxBodyBytes: number
  readonly #maxEventBacklogBytes: number
  readonly #sockets = new Set<Socket>()
  #server: Server | undefined
  #wss: WebSocketServer | undefined
  #port = 0
  #starting: Promise<void> | undefined

  constructor (components: ApiServerComponents, init: ApiServerInit) {
    if (typeof init.secret !== 'string' || init.secret === '') throw new TypeError('ApiServer needs a non-empty secret')
    this.#engine = components.engine
    this.#secret = new SecretCheck(init.secret)
    this.#requestedPort = init.port ?? 0
    this.#staticDir = init.staticDir
    this.#maxBodyBytes = init.maxBodyBytes ?? MAX_API_BODY_BYTES
    this.#maxEventBacklogBytes = init.maxEventBacklogBytes ?? 16 * 1024 * 1024
  }

  /** The port listened on; 0 before start(). */
  get port (): number {
    return this.#port
  }

  /** The base URL, e.g. http://127.0.0.1:43121; throws before start(). */
  get url (): string {
    if (this.#port === 0) throw new Error('ApiServer is not started')
    return `http://${API_HOST}:${this.#port}`
  }

  isStarted (): boolean {
    return this.#server != null && this.#port !== 0
  }

  async start (): Promise<void> {
    if (this.isStarted()) return
    this.#starting ??= this.#listen().finally(() => { this.#starting = undefined })
    await this.#starting
  }

  async stop (): Promise<void> {
    if (this.#starting != null) await this.#starting.catch(() => {})
    const server = this.#server
    const wss = this.#wss
    this.#server = undefined
    this.#wss = undefined
    this.#port = 0
    if (server == null) return

    for (const client of wss?.clients ?? []) client.terminate()
    const closed = new Promise<void>(resolve => server.close(() => { resolve() }))
    server.closeAllConnections()
    for (const socket of this.#sockets) socket.destroy()
    this.#sockets.clear()
    await closed
    if (wss != null) await new Promise<void>(resolve => { wss.close(() => { resolve() }) })
  }

  async #listen (): Promise<void> {
    const server = createServer((req, res) => { void this.#onRequest(req, res) })
    const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
    server.on('connection', socket => {
      this.#sockets.add(socket)
      socket.once('close', () => this.#sockets.delete(socket))
    })
    server.on('upgrade', (req, socket, head) => { this.#onUpgrade(req, socket, head) })
    server.on('clientError', (_err, socket) => { socket.destroy() })

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.#requestedPort, API_HOST, () => {
        server.off('error', reject)
        resolve()
      })
    })
    const address = server.address()
    if (address == null || typeof address === 'string') throw new Error('ApiServer: unexpected listen address')
    this.#server = server
    this.#wss = wss
    this.#port = address.port
  }

  /** Host and Origin checks shared by plain requests and upgrades; null when they pass. */
  #refusal (req: IncomingMessage): { status: number, error: ApiErrorBody } | null {
    if (!isAllowedHost(req.headers.host, this.#port)) {
      return { status: 403, error: { code: 'unauthorized', message: `This endpoint only answers requests addressed to ${API_HOST}:${this.#port} or localhost:${this.#port}.` } }
    }
    if (!isAllowedOrigin(req.headers.origin, this.#port)) {
      return { status: 403, error: { code: 'unauthorized', message: 'Requests from other web origins are refused.' } }
    }
    return null
  }

  #authorized (req: IncomingMessage, url: URL, where: 'command' | 'upgrade'): boolean {
    return this.#secret.matches(presentedSecret(req.headers, url, where))
  }

  async #onRequest (req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const refusal = this.#refusal(req)
      if (refusal != null) {
        sendJson(res, refusal.status, { error: refusal.error })
        return
      }
      const url = new URL(req.url ?? '/', `http://${API_HOST}:${this.#port}`)

      if (url.pathname === '/api' || url.pathname.startsWith(API_PATH_PREFIX)) {
        await this.#onApiRequest(req, res, url)
        return
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD')
        sendText(res, 405, 'Method not allowed.\n')
        return
      }
      if (this.#staticDir != null) {
        await serveStatic(req, res, this.#staticDir, url.pathname)
      } else if (url.pathname === '/') {
        sendText(res, 200, NOT_BUILT_PAGE)
      } else {
        sendText(res, 404, 'Not found. The web UI is not built into this host.\n')
      }
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: `The API failed to answer: ${(err as Error).message}` } })
      else res.destroy()
    }
  }

  async #onApiRequest (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!this.#authorized(req, url, 'command')) {
      res.setHeader('www-authenticate', 'Bearer')
      const message = hasQuerySecret(url) && req.headers.authorization == null
        ? `The API secret is accepted in the address only for the WebSocket at ${EVENTS_PATH}; send "Authorization: Bearer <secret>" instead.`
        : 'Missing or wrong API secret: send "Authorization: Bearer <secret>" with the secret from the profile\'s api-secret file.'
      sendJson(res, 401, { error: { code: 'unauthorized', message } })
      return
    }

    const command = url.pathname.slice(API_PATH_PREFIX.length)
    if (url.pathname === EVENTS_PATH) {
      sendJson(res, 426, { error: { code: 'bad-request', message: `${EVENTS_PATH} is a WebSocket: connect with an Upgrade request.` } })
      return
    }
    // Prometheus scrapes with GET and a bearer token; the same metrics answer POST like any command.
    if (url.pathname === METRICS_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      await this.#sendMetrics(res)
      return
    }
    if (!isApiCommand(command)) {
      sendJson(res, 404, { error: { code: 'not-found', message: `Unknown API command "${command.slice(0, 64)}".` } })
      return
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST')
      sendJson(res, 405, { error: { code: 'bad-request', message: `API commands are called with POST ${API_PATH_PREFIX}${command}.` } })
      return
    }

    let body: Record<string, unknown>
    try {
      body = await readJsonBody(req, this.#maxBodyBytes)
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        sendJson(res, 413, { error: { code: 'too-large', message: err.message } })
      } else if (err instanceof BadJsonBodyError) {
        sendJson(res, 400, { error: { code: 'bad-request', message: err.message } })
      } else {
        res.destroy()
      }
      return
    }

    let result: unknown
    try {
      const api = this.#engine.api
      const call = api[command] as (this: typeof api, req: unknown) => Promise<unknown>
      result = await call.call(api, body)
    } catch (err) {
      const error = toErrorBody(err)
      sendJson(res, httpStatusForCode(error.code), { error })
      return
    }
    sendJson(res, 200, result ?? null)
  }

  async #sendMetrics (res: ServerResponse): Promise<void> {
    let metrics
    try {
      metrics = await this.#engine.api.metrics({})
    } catch (err) {
      const error = toErrorBody(err)
      sendJson(res, httpStatusForCode(error.code), { error })
      return
    }
    res.writeHead(200, {
      'content-type': metrics.contentType,
      'content-length': Buffer.byteLength(metrics.text),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff'
    })
    res.end(metrics.text)
  }

  #onUpgrade (req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => { socket.destroy() })
    const wss = this.#wss
    if (wss == null) {
      socket.destroy()
      return
    }
    const refusal = this.#refusal(req)
    if (refusal != null) {
      refuseUpgrade(socket, refusal.status, refusal.error)
      return
    }
    const url = new URL(req.url ?? '/', `http://${API_HOST}:${this.#port}`)
    if (!this.#authorized(req, url, 'upgrade')) {
      refuseUpgrade(socket, 401, { code: 'unauthorized', message: 'Missing or wrong API secret.' })
      return
    }
    if (url.pathname !== EVENTS_PATH) {
      refuseUpgrade(socket, 404, { code: 'not-found', message: `Only ${EVENTS_PATH} is a WebSocket.` })
      return
    }
    wss.handleUpgrade(req, socket, head, ws => { this.#streamEvents(ws) })
  }

  #streamEvents (ws: WebSocket): void {
    const send = (event: PeerShareEvent): void => {
      if (ws.readyState !== ws.OPEN) return
      if (ws.bufferedAmount > this.#maxEventBacklogBytes) {
        // A client that cannot keep up is dropped rather than letting its backlog grow without bound.
        ws.close(1013, 'event backlog too large')
        return
      }
      ws.send(JSON.stringify(event))
    }
    const unsubscribe = this.#engine.subscribe(send)
    ws.on('close', unsubscribe)
    ws.on('error', () => { ws.terminate() })
    // Clients only listen; anything they send is ignored.
    ws.on('message', () => {})
  }
}

/** Builds an ApiServer; see ApiServerInit for the defaults. */
export function createApiServer (components: ApiServerComponents, init: ApiServerInit): ApiServer {
  return new ApiServer(components, init)
}

/** Answers with a JSON body (no caching, no sniffing); also used by other loopback hosts (the lab). */
export function sendJson (res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff'
  })
  res.end(text)
}

function refuseUpgrade (socket: Duplex, status: number, error: ApiErrorBody): void {
  const text = JSON.stringify({ error })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(text)}\r\n` +
    'Connection: close\r\n\r\n' +
    text
  )
}
