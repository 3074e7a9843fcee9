/**
 * Building a lookup's trace from kad-dht's query events as node/kad.ts
 * hands them over (stamped, peers as strings): a peer's referrer is the
 * first peer whose answer named it and its hop one more than the
 * referrer's; a request's time runs from its dial to its answer; this
 * node's own records count as local providers; a provide's second phase is
 * the record going to the closest peers. The view matches the trace schema.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { LookupTrace } from '../../../electron/core/inspect/lookup-trace.js'
import { commonPrefixLength, kadIdOfPeer, log2Distance, parseDhtTarget } from '../../../electron/core/node/kad-id.js'
import { traceSchemaErrors } from '../../support/trace-schema.js'

const ROOT = 'bafkreih7r7bg5sjeecnla5m5bmphofods7ytgusy7rwjeflmppwnpq27he'

async function peers (n: number): Promise<string[]> {
  return await Promise.all(Array.from({ length: n }, async () => peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()))
}

describe('lookup trace', () => {
  it('derives hops and referrers from the first answer that named a peer, and times each request', async () => {
    const [self, a, b, c, p] = await peers(5)
    const target = parseDhtTarget(ROOT)!
    const trace = new LookupTrace({ id: 't', op: 'find-providers', target, cause: 'trace', self })
    const t0 = Date.now()
    trace.step({ kind: 'response', at: t0, peer: self, path: -1, message: 'GET_PROVIDERS', closer: [], providers: [p] })
    trace.step({ kind: 'dial', at: t0 + 1, peer: a, path: 0 })
    trace.step({ kind: 'send', at: t0 + 3, peer: a, path: 0, message: 'GET_PROVIDERS' })
    trace.step({ kind: 'response', at: t0 + 11, peer: a, path: 0, message: 'GET_PROVIDERS', closer: [b, c], providers: [] })
    trace.step({ kind: 'dial', at: t0 + 12, peer: b, path: 0 })
    trace.step({ kind: 'dial', at: t0 + 12, peer: c, path: 0 })
    trace.step({ kind: 'response', at: t0 + 20, peer: b, path: 0, message: 'GET_PROVIDERS', closer: [c], providers: [p] })
    trace.step({ kind: 'error', at: t0 + 40, peer: c, path: 0, error: 'the dial timed out' })
    trace.step({ kind: 'path-ended', at: t0 + 41, path: 0 })
    trace.end()
    const view = trace.view()
    assert.deepEqual(traceSchemaErrors(view), [])
    assert.deepEqual(view.requests.map(r => [r.peerId, r.hop, r.via, r.ms, r.outcome]), [
      [a, 1, null, 10, 'closer'],
      [b, 2, a, 8, 'providers'],
      [c, 2, a, 28, 'error']
    ], 'c was named first by a, so b naming it later changes nothing')
    assert.equal(view.requests[2].error, 'the dial timed out')
    assert.deepEqual(view.summary.localProviders, [p])
    assert.deepEqual(view.summary.firstProvider, { peerId: p, from: b, hop: 2, ms: view.summary.firstProvider?.ms ?? -1 })
    assert.equal(view.summary.hops, 2)
    assert.deepEqual([view.summary.requests, view.summary.answered, view.summary.failed, view.summary.paths], [3, 2, 1, 1])
    assert.equal(view.requests[0].cpl, commonPrefixLength(kadIdOfPeer(a), Buffer.from(view.kadId, 'hex')))
    assert.equal(view.state, 'done')
  })

  it('marks the peers that took a provide\'s record after the closest were found', async () => {
    const [self, a, b] = await peers(3)
    const trace = new LookupTrace({ id: 'p', op: 'provide', target: parseDhtTarget(ROOT)!, cause: 'announce', self })
    const at = Date.now()
    for (const peer of [a, b]) {
      trace.step({ kind: 'dial', at, peer, path: 0 })
      trace.step({ kind: 'response', at: at + 5, peer, path: 0, message: 'FIND_NODE', closer: [], providers: [] })
    }
    trace.step({ kind: 'final-peer', at: at + 6, peer: a, path: 0 })
    trace.step({ kind: 'final-peer', at: at + 6, peer: b, path: 0 })
    trace.step({ kind: 'dial', at: at + 7, peer: a, path: 0 })
    trace.step({ kind: 'response', at: at + 9, peer: a, path: 0, message: 'ADD_PROVIDER', closer: [], providers: [] })
    trace.step({ kind: 'dial', at: at + 7, peer: b, path: 0 })
    trace.step({ kind: 'error', at: at + 30, peer: b, path: 0, error: 'reset' })
    trace.end(new Error('deadline'))
    const view = trace.view()
    assert.deepEqual(traceSchemaErrors(view), [])
    assert.deepEqual(view.summary.closest, [a, b])
    assert.deepEqual(view.summary.stored, [a])
    assert.deepEqual(view.requests.filter(r => r.message === 'ADD_PROVIDER').map(r => [r.peerId, r.outcome]), [[a, 'stored'], [b, 'error']])
    assert.equal(view.state, 'failed')
    assert.equal(view.error, 'deadline')
  })

  it('measures XOR distance: shared leading bits and log2 of the distance', () => {
    const x = new Uint8Array(32)
    const y = new Uint8Array(32)
    y[0] = 0x10
    assert.equal(commonPrefixLength(x, y), 3)
    assert.equal(log2Distance(x, y), 252)
    assert.equal(log2Distance(x, x), -1)
    assert.equal(commonPrefixLength(x, x), 256)
    assert.equal(parseDhtTarget('not a key'), undefined)
    assert.equal(parseDhtTarget(ROOT)?.kind, 'root')
  })
})
