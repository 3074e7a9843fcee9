/**
 * The lab's timeline from instances' events and statuses: a connection that
 * moves from a relay to a hole-punched path shows as an upgrade, once; a
 * second connection on a worse path does not look like a downgrade while
 * the better one lasts.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Timeline } from '../../electron/lab/timeline.js'
import type { PeerView } from '../../shared/index.js'

const N2 = '12D3KooWn2'
const nameOf = (id: string): string => id === N2 ? 'n2' : id
const conn = (path: PeerView['path']): PeerView => ({
  peerId: N2, addr: '/ip4/127.0.0.1/tcp/1', direction: 'outbound', path, transport: path === 'relayed' ? 'circuit-relay' : 'webrtc', latencyMs: null, openedAt: 1, bytesIn: 0, bytesOut: 0
})

describe('lab timeline', () => {
  it('shows a relayed connection upgraded to a hole-punched one, once', () => {
    const t = new Timeline()
    t.onEvent('n0', { kind: 'peer-connected', peer: conn('relayed') }, nameOf)
    t.onEvent('n0', { kind: 'peer-connected', peer: conn('holepunched') }, nameOf)
    // The status read while both connections are open, then once the relayed one was closed.
    t.syncConnections('n0', [conn('relayed'), conn('holepunched')], nameOf)
    t.syncConnections('n0', [conn('holepunched')], nameOf)
    const paths = t.entries().filter(e => e.kind === 'path')
    assert.deepEqual(paths.map(e => [e.node, e.label]), [['n0', 'n2: relayed → holepunched']])
    const span = t.entries().find(e => e.kind === 'connection')
    assert.equal(span?.detail, 'outbound, holepunched')
    assert.equal(span?.end, undefined, 'one connection span, still open')
  })

  it('a relayed connection opened beside a hole-punched one is no downgrade; losing the better one is', () => {
    const t = new Timeline()
    t.onEvent('n0', { kind: 'peer-connected', peer: conn('holepunched') }, nameOf)
    t.onEvent('n0', { kind: 'peer-connected', peer: conn('relayed') }, nameOf)
    t.syncConnections('n0', [conn('holepunched'), conn('relayed')], nameOf)
    assert.equal(t.entries().filter(e => e.kind === 'path').length, 0)
    t.syncConnections('n0', [conn('relayed')], nameOf)
    assert.deepEqual(t.entries().filter(e => e.kind === 'path').map(e => e.label), ['n2: holepunched → relayed'])
  })
})
