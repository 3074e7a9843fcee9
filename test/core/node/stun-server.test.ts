/**
 * The STUN server answers what a WebRTC stack sends (RFC 5769's sample
 * request, real Binding Requests over UDP) with the address it saw, encoded
 * exactly as RFC 5769's sample responses, and stays silent for everything
 * else.
 */
import assert from 'node:assert/strict'
import { createSocket, type Socket } from 'node:dgram'
import { once } from 'node:events'
import { after, describe, it } from 'node:test'
import { constants, createMessage, decode } from '@msimerson/stun'
import { fingerprintValid, looksLikeBindingRequest, StunListenError, StunServer } from '../../../electron/core/node/stun-server.js'

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex')

/** RFC 5769 §2.1: a Binding Request with SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME, MESSAGE-INTEGRITY and FINGERPRINT. */
const SAMPLE_REQUEST = hex(`
  00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
  80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
  00 24 00 04 6e 00 01 ff
  80 29 00 08 93 2f f9 b1 51 26 3b 36
  00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
  00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
  80 28 00 04 e5 7a 3b cf`)

/** RFC 5769 §2.2: the IPv4 Binding Success Response (192.0.2.1:32853). */
const SAMPLE_RESPONSE_V4 = hex(`
  01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
  80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
  00 20 00 08 00 01 a1 47 e1 12 a6 43
  00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
  80 28 00 04 c0 7d 4c 96`)

/** RFC 5769 §2.3: the XOR-MAPPED-ADDRESS of the IPv6 response (2001:db8:1234:5678:11:2233:4455:6677, port 32853). */
const SAMPLE_XOR_MAPPED_V6 = hex('00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9')
const SAMPLE_XOR_MAPPED_V4 = hex('00 20 00 08 00 01 a1 47 e1 12 a6 43')
const TRANSACTION = hex('b7 e7 a7 01 bc 34 d6 86 fa 87 df ae')

/** Finds one attribute (header and value) in an encoded message. */
function attributeBytes (message: Buffer, type: number): Buffer | undefined {
  for (let at = 20; at + 4 <= message.length;) {
    const length = message.readUInt16BE(at + 2)
    if (message.readUInt16BE(at) === type) return message.subarray(at, at + 4 + length)
    at += 4 + Math.ceil(length / 4) * 4
  }
  return undefined
}

const sockets: Socket[] = []
const servers: StunServer[] = []
after(async () => {
  for (const s of sockets) s.close()
  await Promise.all(servers.map(async s => { await s.stop() }))
})

async function startServer (): Promise<{ server: StunServer, port: number }> {
  const server = new StunServer({}, { host: '127.0.0.1', port: 0 })
  servers.push(server)
  await server.start()
  return { server, port: server.address()!.port }
}

/** Sends `packet` from a fresh UDP socket and returns the answer, or undefined after `waitMs`. */
async function ask (port: number, packet: Buffer, waitMs = 300): Promise<{ answer?: Buffer, from: number }> {
  const client = createSocket('udp4')
  sockets.push(client)
  client.bind(0, '127.0.0.1')
  await once(client, 'listening')
  const answer = new Promise<Buffer | undefined>(resolve => {
    const timer = setTimeout(() => resolve(undefined), waitMs)
    client.once('message', msg => { clearTimeout(timer); resolve(msg) })
  })
  client.send(packet, port, '127.0.0.1')
  return { answer: await answer, from: client.address().port }
}

describe('STUN server', () => {
  it('the codec reads RFC 5769 sample request, fingerprint and all', () => {
    const request = decode(SAMPLE_REQUEST)
    assert.equal(request.type, constants.STUN_BINDING_REQUEST)
    assert.deepEqual(request.transactionId, TRANSACTION)
    assert.ok(fingerprintValid(SAMPLE_REQUEST), 'the sample FINGERPRINT checks out')
    assert.ok(fingerprintValid(SAMPLE_RESPONSE_V4), 'so does the sample response FINGERPRINT')
    assert.ok(looksLikeBindingRequest(SAMPLE_REQUEST))
  })

  it('answers the RFC 5769 sample request with the sender address, XOR-encoded as in the sample responses', () => {
    const server = new StunServer()
    const v4 = server.answer(SAMPLE_REQUEST, { address: '192.0.2.1', port: 32853 })
    assert.ok(v4 != null, 'the sample request is answered')
    assert.equal(v4.readUInt16BE(0), constants.STUN_BINDING_RESPONSE)
    assert.deepEqual(v4.subarray(8, 20), TRANSACTION, 'the answer carries the request transaction id')
    assert.deepEqual(attributeBytes(v4, constants.STUN_ATTR_XOR_MAPPED_ADDRESS), SAMPLE_XOR_MAPPED_V4)
    assert.deepEqual(attributeBytes(v4, constants.STUN_ATTR_XOR_MAPPED_ADDRESS), attributeBytes(SAMPLE_RESPONSE_V4, constants.STUN_ATTR_XOR_MAPPED_ADDRESS))
    assert.ok(fingerprintValid(v4), 'the answer has a valid FINGERPRINT')

    const v6 = server.answer(SAMPLE_REQUEST, { address: '2001:db8:1234:5678:11:2233:4455:6677', port: 32853 })
    assert.deepEqual(attributeBytes(v6!, constants.STUN_ATTR_XOR_MAPPED_ADDRESS), SAMPLE_XOR_MAPPED_V6)
  })

  it('tells a client over UDP the address and port it saw', async () => {
    const { server, port } = await startServer()
    const request = createMessage(constants.STUN_BINDING_REQUEST)
    request.addFingerprint()
    const { answer, from } = await ask(port, request.toBuffer(), 5000)
    assert.ok(answer != null, 'a Binding Request gets an answer')
    const response = decode(answer)
    assert.equal(response.type, constants.STUN_BINDING_RESPONSE)
    assert.deepEqual(response.transactionId, request.transactionId)
    assert.deepEqual(response.getXorAddress(), { address: '127.0.0.1', port: from, family: 'IPv4' })
    assert.equal(server.stats().answered, 1)
  })

  it('stays silent for anything that is not a well-formed Binding Request, and keeps answering', async () => {
    const { server, port } = await startServer()
    const badFingerprint = Buffer.from(SAMPLE_REQUEST)
    badFingerprint[30] ^= 0xff // inside SOFTWARE: the FINGERPRINT no longer matches
    const indication = Buffer.from(SAMPLE_REQUEST)
    indication.writeUInt16BE(0x0011, 0)
    const oversized = Buffer.concat([SAMPLE_REQUEST.subarray(0, 20), Buffer.alloc(1500)])
    oversized.writeUInt16BE(1500, 2)
    const junk = [
      Buffer.from('GET / HTTP/1.1\r\n\r\n'),
      SAMPLE_RESPONSE_V4, // a response, not a request
      SAMPLE_REQUEST.subarray(0, 40), // truncated: the length field says more
      badFingerprint,
      indication,
      oversized,
      Buffer.alloc(20) // zero magic cookie: RFC 3489 or noise
    ]
    const answers = await Promise.all(junk.map(async packet => (await ask(port, packet)).answer))
    assert.deepEqual(answers.map(a => a == null), junk.map(() => true), 'no junk packet was answered')
    assert.equal(server.stats().ignored, junk.length)
    assert.ok((await ask(port, SAMPLE_REQUEST, 5000)).answer != null, 'a good request after the junk is still answered')
  })

  it('start is idempotent, stop is safe when stopped, and a busy port is a named error', async () => {
    const { server, port } = await startServer()
    await server.start()
    assert.equal(server.address()?.port, port)
    const second = new StunServer({}, { host: '127.0.0.1', port })
    await assert.rejects(second.start(), StunListenError)
    await second.stop()
    await server.stop()
    await server.stop()
    assert.equal(server.isStarted(), false)
  })
})
