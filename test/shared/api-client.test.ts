/**
 * The contract's one HTTP client and its deadlines: every command has one,
 * every client waits longer than the engine bounds itself, so the engine's
 * clear error reaches the person rather than a client timeout; errors in
 * every form a client meets become the same PeerShareApiError; and the
 * client, given a real loopback endpoint, answers as the engine did.
 */
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { LOOKUP_TIMEOUT } from '../../electron/core/defaults.js'
import {
  API_COMMANDS, API_DEADLINES, CLIENT_GRACE_MS, ApiTimeoutError, DaemonUnreachableError, PeerShareApiError, createApiClient, toApiError
} from '../../shared/index.js'

describe('command deadlines', () => {
  it('cover every command, and a client always outwaits the engine by the grace', () => {
    assert.deepEqual(Object.keys(API_DEADLINES).sort(), [...API_COMMANDS].sort())
    for (const command of API_COMMANDS) {
      const { engine, client } = API_DEADLINES[command]
      assert.ok(client >= (engine ?? 0) + CLIENT_GRACE_MS, `${command}: the client waits ${client} ms, the engine up to ${engine} ms`)
    }
  })

  it('are the ones the engine keeps', () => {
    assert.equal(LOOKUP_TIMEOUT, API_DEADLINES.lookup.engine)
  })
})

describe('toApiError', () => {
  it('rebuilds the same error from an HTTP body, a plain object, an Error with a code, or a bare status', () => {
    const forms: unknown[] = [
      { error: { code: 'no-providers', message: 'Nobody has it.' } },
      { code: 'no-providers', message: 'Nobody has it.' },
      Object.assign(new Error('Nobody has it.'), { code: 'no-providers' })
    ]
    for (const form of forms) {
      const err = toApiError(form, 500)
      assert.ok(err instanceof PeerShareApiError)
      assert.deepEqual({ code: err.code, message: err.message }, { code: 'no-providers', message: 'Nobody has it.' })
    }
    assert.deepEqual(pick(toApiError(null, 401)), { code: 'unauthorized', message: 'PeerShare answered HTTP 401 without saying why.' })
    assert.deepEqual(pick(toApiError({ error: { code: 'made-up', message: 'Odd.' } }, 404)), { code: 'not-found', message: 'Odd.' })
    assert.equal(toApiError(new Error('boom')).code, 'internal')
  })
})

describe('createApiClient', () => {
  let server: Server
  let url: string
  const seen: Array<{ path: string, auth: string | undefined, body: string }> = []

  before(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.setEncoding('utf8').on('data', (s: string) => { body += s }).on('end', () => {
        seen.push({ path: req.url ?? '', auth: req.headers.authorization, body })
        if (req.url === '/api/status') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"peerId":"p"}')
        if (req.url === '/api/lookup') return res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"no-providers","message":"Nobody has it."}}')
        if (req.url === '/api/peers') return // never answers
        res.writeHead(502).end('<html>bad gateway</html>')
      })
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ignored/path`
  })
  after(async () => {
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
  })

  it('posts each command with the secret and returns the answer', async () => {
    const client = createApiClient({ url, secret: 's3cret' })
    assert.deepEqual(await client.status({}), { peerId: 'p' })
    assert.deepEqual(seen.at(-1), { path: '/api/status', auth: 'Bearer s3cret', body: '{}' })
    client.close()
  })

  it('throws the engine\'s error as it was sent, and names a non-JSON answer', async () => {
    const client = createApiClient({ url, secret: 's' })
    await assert.rejects(client.lookup({ link: 'x' }), (err: unknown) => err instanceof PeerShareApiError && err.code === 'no-providers' && err.message === 'Nobody has it.')
    await assert.rejects(client.dht({}), (err: unknown) => err instanceof PeerShareApiError && err.code === 'internal' && /"dht".*not JSON.*502/.test(err.message))
    client.close()
  })

  it('gives up at the deadline with ApiTimeoutError, and close() ends calls in flight', async () => {
    const client = createApiClient({ url, secret: 's', timeouts: { peers: 150 } })
    await assert.rejects(client.peers({}), (err: unknown) => err instanceof ApiTimeoutError && err.code === 'aborted' && /"peers" within 150 ms/.test(err.message))
    const pending = client.peers({}, { timeoutMs: 10_000 })
    client.close()
    await assert.rejects(pending, { name: 'ApiClientClosedError' })
    await assert.rejects(client.status({}), { name: 'ApiClientClosedError' })
  })

  it('says how to recover when nothing listens, in the caller\'s words', async () => {
    const gone = createServer()
    await new Promise<void>(resolve => gone.listen(0, '127.0.0.1', resolve))
    const port = (gone.address() as AddressInfo).port
    await new Promise(resolve => gone.close(resolve))
    const client = createApiClient({ url: `http://127.0.0.1:${port}`, secret: 's', unreachableHint: 'Reload this page once it runs.' })
    await assert.rejects(client.status({}), (err: unknown) => err instanceof DaemonUnreachableError && /ECONNREFUSED.*Reload this page/.test(err.message))
  })

  it('refuses a URL that is not http', () => {
    assert.throws(() => createApiClient({ url: 'ftp://127.0.0.1:1', secret: 's' }), TypeError)
  })
})

function pick (err: PeerShareApiError): { code: string, message: string } {
  return { code: err.code, message: err.message }
}
