/**
 * The lab's loopback endpoint: the dashboard's files and the lab's commands
 * (`POST /lab/api/<command>`, shared/lab.ts), guarded like an instance's own
 * endpoint: only requests addressed to 127.0.0.1:<port> or localhost:<port>,
 * from no foreign origin, carrying the lab's secret. The dashboard's address
 * carries that secret in its fragment, as an instance's UI address does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Startable } from '@libp2p/interface'
import {
  API_HOST, BadJsonBodyError, BodyTooLargeError, SecretCheck, isAllowedHost, isAllowedOrigin,
  presentedSecret, readJsonBody, sendJson, sendText, serveStatic, uiUrl
} from '../../host/index.js'
import { httpStatusForCode, isErrorCode, type ApiErrorBody } from '../../../shared/index.js'
import { LAB_API_PREFIX, isLabCommand, type LabCommandName, type LabCommands } from '../../../shared/lab.js'
import { groundTruth } from '../ground-truth.js'
import type { Lab } from '../lab.js'

/** dist/dashboard, seen from dist/electron/lab/server/. */
const DASHBOARD_DIR = fileURLToPath(new URL('../../../dashboard/', import.meta.url))

export interface LabServerComponents {
  readonly lab: Pick<Lab, 'view' | 'logBook' | 'control' | 'misbehave' | 'set' | 'requestDown' | 'members'>
}

export interface LabServerInit {
  /** The lab's secret. */
  readonly secret: string
  /** Port on 127.0.0.1; default 0 (any free one). */
  readonly port?: number
  /** The built dashboard; default dist/dashboard. */
  readonly staticDir?: string
}

/** The lab's HTTP server. */
export class LabServer implements Startable {
  readonly #lab: LabServerComponents['lab']
  readonly #secret: SecretCheck
  readonly #rawSecret: string
  readonly #requestedPort: number
  readonly #staticDir: string
  readonly #sockets = new Set<Socket>()
  #server: Server | undefined
  #port = 0

  constructor (components: LabServerComponents, init: LabServerInit) {
    this.#lab = components.lab
    this.#rawSecret = init.secret
    this.#secret = new SecretCheck(init.secret)
    this.#requestedPort = init.port ?? 0
    this.#staticDir = init.staticDir ?? DASHBOARD_DIR
  }

  get url (): string {
    return `http://${API_HOST}:${this.#port}`
  }

  /** The dashboard's address with the secret in its fragment. */
  get dashboard (): string {
    return uiUrl(this.url, this.#rawSecret)
  }

  async start (): Promise<void> {
    if (this.#server != null) return
    const server = createServer((req, res) => { void this.#onRequest(req, res) })
    server.on('connection', socket => {
      this.#sockets.add(socket)
      socket.once('close', () => this.#sockets.delete(socket))
    })
    server.on('clientError', (_err, socket) => { socket.destroy() })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.#requestedPort, API_HOST, () => {
        server.off('error', reject)
        resolve()
      })
    })
    const address = server.address()
    this.#port = typeof address === 'object' && address != null ? address.port : 0
    this.#server = server
  }

  async stop (): Promise<void> {
    const server = this.#server
    this.#server = undefined
    if (server == null) return
    const closed = new Promise<void>(resolve => server.close(() => { resolve() }))
    server.closeAllConnections()
    for (const s of this.#sockets) s.destroy()
    await closed
  }

  async #onRequest (req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (!isAllowedHost(req.headers.host, this.#port) || !isAllowedOrigin(req.headers.origin, this.#port)) {
        sendJson(res, 403, { error: { code: 'unauthorized', message: `The lab only answers requests addressed to ${API_HOST}:${this.#port} from its own pages.` } })
        return
      }
      const url = new URL(req.url ?? '/', this.url)
      if (url.pathname.startsWith(LAB_API_PREFIX)) {
        await this.#onApi(req, res, url)
        return
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD')
        sendText(res, 405, 'Method not allowed.\n')
        return
      }
      if (!existsSync(join(this.#staticDir, 'index.html'))) {
        sendText(res, 200, 'The lab is running, but its dashboard is not built (run `npm run build`). The lab API answers at /lab/api/<command>.\n')
        return
      }
      await serveStatic(req, res, this.#staticDir, url.pathname)
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: `The lab failed to answer: ${(err as Error).message}` } })
      else res.destroy()
    }
  }

  async #onApi (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!this.#secret.matches(presentedSecret(req.headers, url, 'command'))) {
      res.setHeader('www-authenticate', 'Bearer')
      sendJson(res, 401, { error: { code: 'unauthorized', message: 'Missing or wrong lab secret: open the dashboard address `peershare lab up` printed.' } })
      return
    }
    const command = url.pathname.slice(LAB_API_PREFIX.length)
    if (!isLabCommand(command)) {
      sendJson(res, 404, { error: { code: 'not-found', message: `Unknown lab command "${command.slice(0, 64)}".` } })
      return
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST')
      sendJson(res, 405, { error: { code: 'bad-request', message: `Lab commands are called with POST ${LAB_API_PREFIX}${command}.` } })
      return
    }
    let body: Record<string, unknown>
    try {
      body = await readJsonBody(req, 64 * 1024)
    } catch (err) {
      if (err instanceof BodyTooLargeError) sendJson(res, 413, { error: { code: 'too-large', message: err.message } })
      else if (err instanceof BadJsonBodyError) sendJson(res, 400, { error: { code: 'bad-request', message: err.message } })
      else res.destroy()
      return
    }
    try {
      sendJson(res, 200, await this.#run(command, body))
    } catch (err) {
      const error = errorBody(err)
      sendJson(res, httpStatusForCode(error.code), { error })
    }
    if (command === 'down') setImmediate(() => { this.#lab.requestDown() })
  }

  async #run (command: LabCommandName, body: Record<string, unknown>): Promise<LabCommands[LabCommandName]['res']> {
    const lab = this.#lab
    const node = typeof body.node === 'string' ? body.node : ''
    switch (command) {
      case 'view':
        return lab.view()
      case 'log': {
        const lines = lab.logBook.read({
          after: typeof body.after === 'number' ? body.after : undefined,
          node: typeof body.node === 'string' && body.node !== '' ? body.node : undefined,
          limit: typeof body.limit === 'number' ? body.limit : undefined
        })
        return { lines, last: lab.logBook.last }
      }
      case 'control':
        return await lab.control(node, body.action as LabCommands['control']['req']['action'])
      case 'misbehave':
        return await lab.misbehave(node, (body.mode ?? null) as LabCommands['misbehave']['req']['mode'])
      case 'set':
        return await lab.set(node, (body.change ?? {}) as LabCommands['set']['req']['change'])
      case 'down':
        return { stopped: lab.members.length }
      case 'truth':
        return await groundTruth(lab.members, {
          key: typeof body.key === 'string' ? body.key : '',
          node: node === '' ? undefined : node,
          op: typeof body.op === 'string' ? body.op as LabCommands['truth']['req']['op'] : undefined,
          count: typeof body.count === 'number' ? body.count : undefined
        })
    }
  }
}

function errorBody (err: unknown): ApiErrorBody {
  const code = (err as { code?: unknown })?.code
  const message = err instanceof Error ? err.message : String(err)
  return { code: isErrorCode(code) ? code : 'internal', message }
}
