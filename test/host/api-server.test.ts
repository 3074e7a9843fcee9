/**
 * The loopback HTTP/WebSocket binding of the contract, as a client observes
 * it: who is let in, what status and body each outcome travels with, and
 * that events stream over the WebSocket. The engine is an in-memory FAKE.
 */
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { after, before, beforeEach, describe, it } from 'node:test'
import { WebSocket } from 'ws'
import { toErrorBody } from '../../electron/core/index.js'
import { ApiServer } from '../../electron/host/api-server.js'
import { connectApi } from '../../electron/host/api-client.js'
import { DaemonUnreachableError, MAX_API_BODY_BYTES, PeerShareApiError, httpStatusForCode, type PeerShareEvent } from '../../shared/index.js'
import { FAKE_SHARE, FAKE_TRANSFER, FakeEngine, fakeShareJob } from './fake-engine.js'

const SECRET = 'a'.repeat(64)

interface RawResponse { status: number, headers: Record<string, string | string[] | undefined>, body: string }

/** A request with full control over the headers (fetch refuses to set Host). */
async function raw (port: number, opts: { method?: string, path: string, headers?: Record<string, string>, body?: string | Buffer }): Promise<RawResponse> {
  return await new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers }, res => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }) })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}

/** Opens a WebSocket to the events path and reports how the handshake ended. */
async function wsHandshake (url: string, options: { headers?: Record<string, string>, origin?: string } = {}): Promise<{ status: number, ws?: WebSocket }> {
  return await new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: options.headers, origin: options.origin })
    ws.once('open', () => { resolve({ status: 101, ws }) })
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 })
      res.resume()
      ws.terminate()
    })
    ws.once('error', reject)
  })
}

describe('ApiServer', () => {
  let engine: FakeEngine
  let server: ApiServer
  let port: number
  let base: string
  const auth = { authorization: `Bearer ${SECRET}` }

  before(async () => {
    engine = new FakeEngine()
    server = new ApiServer({ engine }, { secret: SECRET })
    await server.start()
    port = server.port
    base = server.url
  })

  after(async () => {
    await server.stop()
  })

  beforeEach(() => {
    engine.calls.length = 0
    for (const key of Object.keys(engine.handlers)) delete engine.handlers[key as keyof typeof engine.handlers]
  })

  it('listens on 127.0.0.1 on a port of its own choosing, and start() is idempotent', async () => {
    assert.ok(port > 0)
    assert.equal(base, `http://127.0.0.1:${port}`)
    await server.start()
    assert.equal(server.port, port)
  })

  it('answers a good request with 200 and the command\'s response, passing the body to the engine', async () => {
    const res = await fetch(`${base}/api/share`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ path: '/tmp/x' }) })
    assert.equal(res.status, 200)
    assert.deepEqual(await res.json(), fakeShareJob('/tmp/x'))
    assert.deepEqual(engine.calls, [{ command: 'share', req: { path: '/tmp/x' } }])
  })

  it('treats an empty body as {}', async () => {
    const res = await fetch(`${base}/api/shares`, { method: 'POST', headers: auth })
    assert.equal(res.status, 200)
    assert.deepEqual(engine.calls, [{ command: 'shares', req: {} }])
  })

  it('refuses a request without the secret with 401', async () => {
    const res = await fetch(`${base}/api/status`, { method: 'POST', body: '{}' })
    assert.equal(res.status, 401)
    const body = await res.json() as { error: { code: string, message: string } }
    assert.equal(body.error.code, 'unauthorized')
    assert.equal(engine.calls.length, 0)
  })

  it('refuses a wrong secret with 401, in the header or the token parameter', async () => {
    for (const wrong of ['b'.repeat(64), SECRET.slice(1), `${SECRET}0`, '']) {
      const res = await fetch(`${base}/api/status`, { method: 'POST', headers: { authorization: `Bearer ${wrong}` } })
      assert.equal(res.status, 401, `header secret ${JSON.stringify(wrong)}`)
      const res2 = await fetch(`${base}/api/status?token=${wrong}`, { method: 'POST' })
      assert.equal(res2.status, 401, `query secret ${JSON.stringify(wrong)}`)
    }
    assert.equal(engine.calls.length, 0)
  })

  it('refuses the secret as the token query parameter on a command, and says where it belongs', async () => {
    const res = await fetch(`${base}/api/status?token=${SECRET}`, { method: 'POST' })
    assert.equal(res.status, 401)
    const body = await res.json() as { error: { code: string, message: string } }
    assert.equal(body.error.code, 'unauthorized')
    assert.match(body.error.message, /only for the WebSocket/)
    assert.equal(engine.calls.length, 0)
  })

  it('refuses a Host other than 127.0.0.1:<port> or localhost:<port> with 403, even with the secret', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, `[::1]:${port}`, `0.0.0.0:${port}`]) {
      const res = await raw(port, { path: '/api/status', headers: { ...auth, host } })
      assert.equal(res.status, 403, `Host ${host}`)
    }
    const page = await raw(port, { method: 'GET', path: '/', headers: { host: 'evil.example' } })
    assert.equal(page.status, 403)
    const ok = await raw(port, { path: '/api/status', headers: { ...auth, host: `localhost:${port}` } })
    assert.equal(ok.status, 200)
    assert.equal(engine.calls.length, 1)
  })

  it('refuses a foreign Origin with 403 and accepts its own', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`]) {
      const res = await fetch(`${base}/api/status`, { method: 'POST', headers: { ...auth, origin } })
      assert.equal(res.status, 403, `Origin ${origin}`)
    }
    assert.equal(engine.calls.length, 0)
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const res = await fetch(`${base}/api/status`, { method: 'POST', headers: { ...auth, origin } })
      assert.equal(res.status, 200, `Origin ${origin}`)
    }
  })

  it('answers 404 for an unknown command and 405 for a command called with GET', async () => {
    const res = await fetch(`${base}/api/rm-rf`, { method: 'POST', headers: auth })
    assert.equal(res.status, 404)
    assert.equal((await res.json() as { error: { code: string } }).error.code, 'not-found')
    const proto = await fetch(`${base}/api/__proto__`, { method: 'POST', headers: auth })
    assert.equal(proto.status, 404)
    const get = await fetch(`${base}/api/status`, { headers: auth })
    assert.equal(get.status, 405)
    assert.equal(engine.calls.length, 0)
  })

  it('answers an engine error with its mapped status and { error: { code, message } }', async () => {
    const errors = [
      Object.assign(new Error('No such transfer.'), { code: 'not-found' }),
      Object.assign(new Error('The disk is full.'), { code: 'disk-full' }),
      Object.assign(new Error('Nothing at /nope.'), { code: 'path-not-found' }),
      new Error('something broke')
    ]
    for (const err of errors) {
      engine.handlers.pause = () => { throw err }
      const res = await fetch(`${base}/api/pause`, { method: 'POST', headers: auth, body: JSON.stringify({ id: 'x' }) })
      const expected = toErrorBody(err)
      assert.equal(res.status, httpStatusForCode(expected.code), err.message)
      assert.deepEqual(await res.json(), { error: expected })
    }

    // The fake's inspectLink throws the contract's InvalidLinkError: 400 invalid-link.
    const res = await fetch(`${base}/api/inspectLink`, { method: 'POST', headers: auth, body: JSON.stringify({ link: 'nope' }) })
    assert.equal(res.status, 400)
    assert.equal((await res.json() as { error: { code: string } }).error.code, 'invalid-link')
  })

  it('rejects an oversized body with 413 too-large without calling the engine', async () => {
    const big = JSON.stringify({ path: 'x'.repeat(MAX_API_BODY_BYTES) })
    const res = await fetch(`${base}/api/share`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: big })
    assert.equal(res.status, 413)
    assert.equal((await res.json() as { error: { code: string } }).error.code, 'too-large')

    // Also when no Content-Length announces it (chunked upload).
    const chunked = await raw(port, { path: '/api/share', headers: { ...auth, 'transfer-encoding': 'chunked' }, body: big })
    assert.equal(chunked.status, 413)
    assert.equal(engine.calls.length, 0)
  })

  it('rejects a body that is not a JSON object with 400 bad-request', async () => {
    for (const body of ['{', '[1,2]', 'null', '"text"']) {
      const res = await fetch(`${base}/api/share`, { method: 'POST', headers: auth, body })
      assert.equal(res.status, 400, body)
      assert.equal((await res.json() as { error: { code: string } }).error.code, 'bad-request')
    }
    assert.equal(engine.calls.length, 0)
  })

  it('says the UI is not built on GET / when no static folder is set', async () => {
    const res = await fetch(`${base}/`)
    assert.equal(res.status, 200)
    assert.match(await res.text(), /not built/)
    assert.equal((await fetch(`${base}/app.js`)).status, 404)
  })

  describe('events', () => {
    it('streams engine events over the WebSocket to connectApi(...).subscribe, and unsubscribing lets go', async () => {
      const client = connectApi({ url: base, secret: SECRET })
      const received: PeerShareEvent[] = []
      const unsubscribe = await client.subscribe(event => received.push(event))
      assert.equal(engine.listeners.size, 1)

      const events: PeerShareEvent[] = [
        { kind: 'transfer', transfer: FAKE_TRANSFER },
        { kind: 'share-removed', root: FAKE_SHARE.root },
        { kind: 'stats', bytesIn: 10, bytesOut: 20, rateIn: 1, rateOut: 2, at: 123 }
      ]
      for (const event of events) engine.emit(event)
      await waitFor(() => received.length === events.length)
      assert.deepEqual(received, events)

      unsubscribe()
      await waitFor(() => engine.listeners.size === 0)
      client.close()
    })

    it('accepts the secret as the token parameter on the upgrade', async () => {
      const { status, ws } = await wsHandshake(`ws://127.0.0.1:${port}/api/events?token=${SECRET}`)
      assert.equal(status, 101)
      ws?.close()
    })

    it('refuses the upgrade without the secret (401), from a foreign Origin (403), for a bad Host (403), off the events path (404)', async () => {
      assert.equal((await wsHandshake(`ws://127.0.0.1:${port}/api/events`)).status, 401)
      assert.equal((await wsHandshake(`ws://127.0.0.1:${port}/api/events?token=${'0'.repeat(64)}`)).status, 401)
      assert.equal((await wsHandshake(`ws://127.0.0.1:${port}/api/events`, { headers: auth, origin: 'https://evil.example' })).status, 403)
      assert.equal((await wsHandshake(`ws://127.0.0.1:${port}/api/events`, { headers: { ...auth, host: 'evil.example' } })).status, 403)
      assert.equal((await wsHandshake(`ws://127.0.0.1:${port}/api/status`, { headers: auth })).status, 404)
      const own = await wsHandshake(`ws://127.0.0.1:${port}/api/events`, { headers: auth, origin: `http://localhost:${port}` })
      assert.equal(own.status, 101)
      own.ws?.close()
      await waitFor(() => engine.listeners.size === 0)
    })

    it('rejects subscribe with a wrong secret as PeerShareApiError unauthorized', async () => {
      const client = connectApi({ url: base, secret: 'f'.repeat(64) })
      await assert.rejects(client.subscribe(() => {}), (err: unknown) => err instanceof PeerShareApiError && err.code === 'unauthorized')
      client.close()
    })
  })

  describe('connectApi', () => {
    it('returns responses and rebuilds engine errors as PeerShareApiError with their code', async () => {
      const client = connectApi({ url: base, secret: SECRET })
      assert.deepEqual(await client.transfers({}), [FAKE_TRANSFER])
      engine.handlers.cancel = () => { throw Object.assign(new Error('No such transfer.'), { code: 'not-found' }) }
      await assert.rejects(client.cancel({ id: 'nope' }), (err: unknown) =>
        err instanceof PeerShareApiError && err.code === 'not-found' && err.message === 'No such transfer.')
      client.close()
    })

    it('reports a wrong secret as unauthorized', async () => {
      const client = connectApi({ url: base, secret: 'f'.repeat(64) })
      await assert.rejects(client.status({}), (err: unknown) => err instanceof PeerShareApiError && err.code === 'unauthorized')
      client.close()
    })

    it('keeps its deadline: a command that hangs fails with code aborted', async () => {
      engine.handlers.peers = async () => await new Promise(() => {})
      const client = connectApi({ url: base, secret: SECRET, timeouts: { peers: 200 } })
      await assert.rejects(client.peers({}), (err: unknown) => err instanceof PeerShareApiError && err.code === 'aborted')
      client.close()
    })

    it('honours a caller\'s abort signal and a per-call deadline', async () => {
      engine.handlers.peers = async () => await new Promise(() => {})
      const client = connectApi({ url: base, secret: SECRET })
      const controller = new AbortController()
      const call = client.peers({}, { signal: controller.signal })
      setTimeout(() => { controller.abort(new Error('caller gave up')) }, 50)
      await assert.rejects(call, /caller gave up/)
      await assert.rejects(client.peers({}, { timeoutMs: 100 }), (err: unknown) => err instanceof PeerShareApiError && err.code === 'aborted')
      client.close()
    })

    it('reports an endpoint that is not there as DaemonUnreachableError', async () => {
      const gone = new ApiServer({ engine }, { secret: SECRET })
      await gone.start()
      const url = gone.url
      await gone.stop()
      const client = connectApi({ url, secret: SECRET })
      await assert.rejects(client.status({}), DaemonUnreachableError)
      await assert.rejects(client.subscribe(() => {}), DaemonUnreachableError)
      client.close()
    })
  })
})

describe('ApiServer lifecycle', () => {
  it('stop() is safe before start(), and closes event streams and open connections', async () => {
    const engine = new FakeEngine()
    const server = new ApiServer({ engine }, { secret: SECRET })
    await server.stop()
    await server.start()
    const client = connectApi({ url: server.url, secret: SECRET })
    let closedWith: Error | undefined | null = null
    await client.subscribe(() => {}, { onClose: err => { closedWith = err } })
    assert.equal(engine.listeners.size, 1)
    await server.stop()
    await waitFor(() => closedWith !== null)
    assert.equal(engine.listeners.size, 0)
    assert.equal(server.port, 0)
    await server.stop()
    client.close()
  })

  it('can start again after stop', async () => {
    const server = new ApiServer({ engine: new FakeEngine() }, { secret: SECRET })
    await server.start()
    await server.stop()
    await server.start()
    const res = await fetch(`${server.url}/api/status`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } })
    assert.equal(res.status, 200)
    await server.stop()
  })
})

async function waitFor (condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise(resolve => setTimeout(resolve, 10))
  }
}
