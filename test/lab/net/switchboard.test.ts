/**
 * The lab's proxies with real loopback sockets: bytes pass unchanged, the
 * caller is recognised by its socket's owner (here this test process,
 * registered as instance "n1"), each side's latency delays what it sends,
 * a partition cuts open connections and refuses new ones, and a proxy with
 * nothing behind it refuses dials.
 */
import assert from 'node:assert/strict'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { Switchboard } from '../../../electron/lab/net/switchboard.js'

/** An echo server: what stands in for an instance's private port. */
async function echoServer (): Promise<{ server: Server, port: number }> {
  const server = createServer(socket => { socket.on('error', () => {}); socket.pipe(socket) })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return { server, port: (server.address() as { port: number }).port }
}

async function dial (port: number): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port })
  socket.on('error', () => {})
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject) })
  return socket
}

/** Sends `text` and resolves with the ms until all of it came back. */
async function roundTrip (socket: Socket, text: string): Promise<number> {
  const started = Date.now()
  let got = ''
  return await new Promise((resolve, reject) => {
    const onData = (d: Buffer): void => {
      got += d.toString()
      if (got.length >= text.length) {
        socket.off('data', onData)
        assert.equal(got, text)
        resolve(Date.now() - started)
      }
    }
    socket.on('data', onData)
    socket.once('close', () => { reject(new Error('closed')) })
    socket.write(text)
  })
}

async function closed (socket: Socket, ms = 3000): Promise<boolean> {
  if (socket.destroyed) return true
  return await Promise.race([
    new Promise<boolean>(resolve => socket.once('close', () => { resolve(true) })),
    new Promise<boolean>(resolve => setTimeout(() => { resolve(false) }, ms))
  ])
}

describe('lab switchboard', () => {
  const board = new Switchboard({ instancePids: () => new Map([[process.pid, 'n1']]) })
  let echo: { server: Server, port: number }
  let proxyPort: number

  before(async () => {
    echo = await echoServer()
    await board.start()
    proxyPort = await board.addPort('n0')
    await board.addPort('n1')
    board.setUpstream('n0', echo.port)
  })

  after(async () => {
    await board.stop()
    echo.server.close()
  })

  it('forwards bytes both ways and knows who dialed', async () => {
    const s = await dial(proxyPort)
    assert.ok(await roundTrip(s, 'hello'.repeat(1000)) < 1000)
    if (process.platform === 'linux') assert.deepEqual(board.links(), [{ from: 'n1', to: 'n0' }])
    s.destroy()
  })

  it("adds each side's latency to what that side sends", { skip: process.platform !== 'linux' && 'the caller is only recognised on Linux' }, async () => {
    const s = await dial(proxyPort)
    await roundTrip(s, 'warm')
    board.setConditions('n1', { latencyMs: 120, lossPercent: 0 })
    board.setConditions('n0', { latencyMs: 80, lossPercent: 0 })
    const rtt = await roundTrip(s, 'ping')
    assert.ok(rtt >= 195 && rtt < 1000, `round trip ${rtt} ms ≥ 120 + 80`)
    board.setConditions('n1', { latencyMs: 0, lossPercent: 0 })
    board.setConditions('n0', { latencyMs: 0, lossPercent: 0 })
    assert.ok(await roundTrip(s, 'pong') < 150, 'a change applies at once to an open connection')
    s.destroy()
  })

  it('a partition cuts open connections and refuses new ones; heal lets them in again', async () => {
    const s = await dial(proxyPort)
    await roundTrip(s, 'before')
    board.setPartitioned('n0', true)
    assert.ok(await closed(s), 'the open connection was cut')
    const refused = await dial(proxyPort)
    assert.ok(await closed(refused), 'a new one is closed at once')
    board.setPartitioned('n0', false)
    const again = await dial(proxyPort)
    assert.ok(await roundTrip(again, 'after') < 1000)
    again.destroy()
  })

  it('a partitioned caller is refused by the others too', { skip: process.platform !== 'linux' && 'the caller is only recognised on Linux' }, async () => {
    board.setPartitioned('n1', true)
    const s = await dial(proxyPort)
    assert.ok(await closed(s), "n1's dial to n0 is refused")
    board.setPartitioned('n1', false)
  })

  it('refuses dials while the instance is down', async () => {
    board.setUpstream('n0', null)
    const s = await dial(proxyPort)
    assert.ok(await closed(s))
    board.setUpstream('n0', echo.port)
  })
})

describe('lab switchboard: an instance behind a NAT', { skip: process.platform !== 'linux' && 'the caller is only recognised on Linux' }, () => {
  // This test process dials as n1 or as the lab relay, as the map says.
  const callers = new Map([[process.pid, 'n1']])
  const board = new Switchboard({ instancePids: () => callers })
  let echo: { server: Server, port: number }
  let proxyPort: number

  before(async () => {
    echo = await echoServer()
    await board.start()
    proxyPort = await board.addPort('n2')
    await board.addPort('n1')
    await board.addPort('relay')
    board.setUpstream('n2', echo.port)
  })

  after(async () => {
    await board.stop()
    echo.server.close()
  })

  it('refuses and ends what others opened to it, lets the lab relay in, and nat off lets everyone in again', async () => {
    const open = await dial(proxyPort)
    await roundTrip(open, 'before')
    board.setBehindNat('n2', true)
    assert.ok(await closed(open), 'a connection n1 opened before ends: a router came in front of n2')
    const refused = await dial(proxyPort)
    assert.ok(await closed(refused), "n1's new connection is refused")
    callers.set(process.pid, 'relay')
    const fromRelay = await dial(proxyPort)
    assert.ok(await roundTrip(fromRelay, 'through the relay') < 1000, 'the lab relay gets through')
    board.setBehindNat('n2', true)
    assert.equal(await closed(fromRelay, 300), false, "the relay's connection stays when the NAT is set again")
    fromRelay.destroy()
    callers.set(process.pid, 'n1')
    board.setBehindNat('n2', false)
    const again = await dial(proxyPort)
    assert.ok(await roundTrip(again, 'after') < 1000, 'nat off: n1 gets through again')
    again.destroy()
  })
})
