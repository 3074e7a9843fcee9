/**
 * The renderer's store reducer: events and snapshots in, state out, with
 * unchanged slices and rows keeping their identity (that is what keeps
 * long lists fast: a row that did not change is not re-rendered).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { reduce } from '../../renderer/src/store/reducer.js'
import { INITIAL_STATE, STATS_WINDOW_MS, type AppState } from '../../renderer/src/store/state.js'
import type { DeviceView, OfferView, PeerView, ShareView, TransferView } from '../../shared/index.js'

const transfer = (id: string, startedAt: number, over: Partial<TransferView> = {}): TransferView => ({
  id, root: id, name: `${id}.bin`, size: 100, state: 'downloading', outDir: '/dl', chunkCount: 1, chunksDone: 0, bytesDone: 0,
  selectedFiles: null, chunksResumed: 0, chunksFetched: 0, badChunks: 0, rate: 0, etaSeconds: null, peers: [], bannedPeers: [],
  files: [], fileCount: 0, startedAt, activeMs: 0, ...over
})
const share = (root: string, over: Partial<ShareView> = {}): ShareView => ({
  root, name: root, size: 1, chunkSize: 1, chunkCount: 1, fileCount: 1, path: `/x/${root}`, link: `peershare://${root}`, private: false, addedAt: 0,
  state: 'seeding', peersServed: 0, bytesServed: 0, chunksServed: 0, ...over
})
const peer = (peerId: string, addr: string): PeerView => ({
  peerId, addr, direction: 'outbound', path: 'loopback', transport: 'tcp', latencyMs: null, openedAt: 0, bytesIn: 0, bytesOut: 0
})

function apply (state: AppState, ...actions: Parameters<typeof reduce>[1][]): AppState {
  return actions.reduce(reduce, state)
}

describe('renderer store reducer', () => {
  it('keeps downloads newest first, updates one in place and removes it', () => {
    let s = apply(INITIAL_STATE, { kind: 'transfer', transfer: transfer('old', 1) }, { kind: 'transfer', transfer: transfer('new', 2) })
    assert.deepEqual(s.transfers.map(t => t.id), ['new', 'old'])
    const untouched = s.transfers[0]
    s = reduce(s, { kind: 'transfer', transfer: transfer('old', 1, { bytesDone: 50 }) })
    assert.equal(s.transfers[1].bytesDone, 50)
    assert.equal(s.transfers[0], untouched, 'the other row keeps its identity')
    s = reduce(s, { kind: 'transfer-removed', id: 'new' })
    assert.deepEqual(s.transfers.map(t => t.id), ['old'])
  })

  it('adds new shares on top, replaces a changed one and removes a stopped one', () => {
    let s = apply(INITIAL_STATE, { kind: 'share', share: share('a') }, { kind: 'share', share: share('b') })
    assert.deepEqual(s.shares.map(x => x.root), ['b', 'a'])
    s = reduce(s, { kind: 'share', share: share('a', { state: 'stale', staleReason: 'changed on disk' }) })
    assert.deepEqual(s.shares.map(x => [x.root, x.state]), [['b', 'seeding'], ['a', 'stale']])
    s = reduce(s, { kind: 'share-removed', root: 'b' })
    assert.deepEqual(s.shares.map(x => x.root), ['a'])
  })

  it('replaces the device list, keeping unchanged rows, and lists offers until each is answered', () => {
    const device = (peerId: string, over: Partial<DeviceView> = {}): DeviceView => ({
      peerId, name: peerId, nearby: true, paired: false, online: true, path: 'lan', addr: null, autoAccept: false, pairedAt: null, ...over
    })
    const offer = (id: string): OfferView => ({ id, fromPeerId: 'p1', fromName: 'p1', name: `${id}.bin`, size: 1, fileCount: 1, root: 'r', receivedAt: 0 })
    let s = reduce(INITIAL_STATE, { kind: 'devices', devices: [device('p1'), device('p2')] })
    const p2 = s.devices[1]
    s = reduce(s, { kind: 'devices', devices: [device('p1', { paired: true }), device('p2')] })
    assert.equal(s.devices[0].paired, true)
    assert.equal(s.devices[1], p2, 'an unchanged device keeps its identity')
    s = apply(s, { kind: 'offer', offer: offer('o1') }, { kind: 'offer', offer: offer('o2') }, { kind: 'offer', offer: offer('o1') })
    assert.deepEqual(s.offers.map(o => o.id), ['o1', 'o2'], 'oldest first, each once')
    s = reduce(s, { kind: 'offer-removed', id: 'o1' })
    assert.deepEqual(s.offers.map(o => o.id), ['o2'])
  })

  it('tracks connections per address and drops all of a peer\'s on disconnect', () => {
    let s = apply(INITIAL_STATE,
      { kind: 'peer-connected', peer: peer('p1', '/ip4/127.0.0.1/tcp/1') },
      { kind: 'peer-connected', peer: peer('p1', '/ip4/127.0.0.1/tcp/2') },
      { kind: 'peer-connected', peer: peer('p1', '/ip4/127.0.0.1/tcp/2') },
      { kind: 'peer-connected', peer: peer('p2', '/ip4/127.0.0.1/tcp/3') })
    assert.equal(s.peers.length, 3, 'the same connection announced twice is listed once')
    s = reduce(s, { kind: 'peer-disconnected', peerId: 'p1' })
    assert.deepEqual(s.peers.map(p => p.peerId), ['p2'])
  })

  it('keeps the bandwidth history to the chart\'s window, oldest first', () => {
    let s = INITIAL_STATE
    for (let i = 0; i <= 200; i++) s = reduce(s, { kind: 'stats', at: i * 1000, rateIn: i, rateOut: 0, bytesIn: 0, bytesOut: 0 })
    const first = s.stats[0]
    const last = s.stats[s.stats.length - 1]
    assert.equal(last.at, 200_000)
    assert.equal(last.at - first.at, STATS_WINDOW_MS)
    assert.ok(s.stats.every((x, i) => i === 0 || x.at > s.stats[i - 1].at))
  })

  it('a stats event touches nothing but the history', () => {
    const s = apply(INITIAL_STATE, { kind: 'transfer', transfer: transfer('t', 1) }, { kind: 'share', share: share('a') })
    const next = reduce(s, { kind: 'stats', at: 1, rateIn: 1, rateOut: 1, bytesIn: 1, bytesOut: 1 })
    assert.equal(next.transfers, s.transfers)
    assert.equal(next.shares, s.shares)
    assert.equal(next.peers, s.peers)
  })

  it('a snapshot equal to what is shown keeps the very same list; a changed row alone is replaced', () => {
    const s = reduce(INITIAL_STATE, { kind: 'snapshot', patch: { shares: [share('a'), share('b')] } })
    const same = reduce(s, { kind: 'snapshot', patch: { shares: [share('a'), share('b')] } })
    assert.equal(same.shares, s.shares, 'nothing changed: the same array')
    const changed = reduce(s, { kind: 'snapshot', patch: { shares: [share('a'), share('b', { peersServed: 3 })] } })
    assert.notEqual(changed.shares, s.shares)
    assert.equal(changed.shares[0], s.shares[0], 'the unchanged row keeps its identity')
    assert.equal(changed.shares[1].peersServed, 3)
  })

  it('link state, refresh errors and loading are idempotent', () => {
    const s = reduce(INITIAL_STATE, { kind: 'loaded' })
    assert.equal(s.loaded, true)
    assert.equal(reduce(s, { kind: 'loaded' }), s)
    const down = reduce(s, { kind: 'link', link: 'reconnecting' })
    assert.equal(down.link, 'reconnecting')
    assert.equal(reduce(down, { kind: 'link', link: 'reconnecting' }), down)
    const failed = reduce(s, { kind: 'refresh-error', message: 'gone' })
    assert.equal(failed.refreshError, 'gone')
    assert.equal(reduce(failed, { kind: 'refresh-error', message: null }).refreshError, null)
  })
})
