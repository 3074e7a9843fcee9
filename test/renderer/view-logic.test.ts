/**
 * The renderer's view logic that decides what a person sees and sends: the
 * Settings form (listen port inside multiaddrs, rate units, validation,
 * what needs a restart) and the Transfers view (state words, which buttons,
 * progress).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fromForm, listenPort, needsRestart, rateToForm, toForm, withListenPort } from '../../renderer/src/views/settings/settings-form.js'
import { actionsFor, percentDone, stateLook } from '../../renderer/src/views/transfers/transfer-state.js'
import type { SettingsView, TransferState, TransferView } from '../../shared/index.js'

const SETTINGS: SettingsView = {
  downloadDir: '/home/ana/Downloads',
  listen: ['/ip4/0.0.0.0/tcp/4001', '/ip4/0.0.0.0/tcp/4002/ws'],
  bootstrap: [],
  mdns: true,
  uploadLimit: 0,
  downloadLimit: 512 * 1024
}

describe('settings form', () => {
  it('reads and writes the TCP listen port, leaving the WebSocket one alone', () => {
    assert.equal(listenPort(SETTINGS.listen), 4001)
    assert.deepEqual(withListenPort(SETTINGS.listen, 5000), ['/ip4/0.0.0.0/tcp/5000', '/ip4/0.0.0.0/tcp/4002/ws'])
    assert.deepEqual(withListenPort(['/ip4/0.0.0.0/tcp/4002/ws'], 5000), ['/ip4/0.0.0.0/tcp/5000', '/ip4/0.0.0.0/tcp/4002/ws'])
    assert.equal(listenPort([]), 0)
  })

  it('shows rates in the unit that keeps them whole', () => {
    assert.deepEqual(rateToForm(0), { value: '0', unit: 'MiB/s' })
    assert.deepEqual(rateToForm(2 * 1024 * 1024), { value: '2', unit: 'MiB/s' })
    assert.deepEqual(rateToForm(512 * 1024), { value: '512', unit: 'KiB/s' })
  })

  it('round-trips the settings and sends caps in bytes per second', () => {
    const form = toForm(SETTINGS)
    const result = fromForm({ ...form, uploadLimit: '1.5', uploadUnit: 'MiB/s' }, SETTINGS)
    assert.ok(result.ok)
    assert.equal(result.value.uploadLimit, 1.5 * 1024 * 1024)
    assert.equal(result.value.downloadLimit, 512 * 1024)
    assert.deepEqual(result.value.listen, SETTINGS.listen)
    assert.equal(needsRestart(SETTINGS, result.value), false, 'caps apply at once')
  })

  it('names the field and the mistake for bad input', () => {
    const form = toForm(SETTINGS)
    const bad = (patch: Partial<typeof form>): string | undefined => {
      const r = fromForm({ ...form, ...patch }, SETTINGS)
      return r.ok ? undefined : r.field
    }
    assert.equal(bad({ port: '70000' }), 'port')
    assert.equal(bad({ port: 'abc' }), 'port')
    assert.equal(bad({ bootstrap: '1.2.3.4:4001' }), 'bootstrap')
    assert.equal(bad({ bootstrap: '/ip4/1.2.3.4/tcp/4001' }), 'bootstrap', 'a bootstrap peer needs its /p2p/ id')
    assert.equal(bad({ uploadLimit: '-1' }), 'uploadLimit')
    assert.equal(bad({ downloadLimit: 'fast' }), 'downloadLimit')
    assert.equal(bad({ downloadDir: '  ' }), 'downloadDir')
  })

  it('says when a change waits for a restart', () => {
    const r = fromForm({ ...toForm(SETTINGS), port: '4100' }, SETTINGS)
    assert.ok(r.ok)
    assert.equal(needsRestart(SETTINGS, r.value), true)
    assert.equal(needsRestart(SETTINGS, { mdns: false }), true)
  })
})

describe('transfer display', () => {
  const view = (state: TransferState, over: Partial<TransferView> = {}): TransferView => ({
    id: 'r', root: 'r', name: 'n', size: 1000, state, outDir: '/dl', chunkCount: 10, chunksDone: 3, bytesDone: 333,
    selectedFiles: null, chunksResumed: 0, chunksFetched: 3, badChunks: 0, rate: 0, etaSeconds: null, peers: [], bannedPeers: [],
    files: [], startedAt: 0, ...over
  })

  it('every state has words of its own', () => {
    const states: TransferState[] = ['finding-peers', 'downloading', 'paused', 'verifying', 'done', 'failed']
    const labels = states.map(s => stateLook(s).label)
    assert.equal(new Set(labels).size, states.length)
  })

  it('offers the buttons that make sense in each state', () => {
    assert.deepEqual(actionsFor(view('downloading')), { pause: true, resume: false, cancel: true, open: false })
    assert.deepEqual(actionsFor(view('paused')), { pause: false, resume: true, cancel: true, open: false })
    assert.deepEqual(actionsFor(view('failed')), { pause: false, resume: true, cancel: true, open: false })
    assert.deepEqual(actionsFor(view('done', { path: '/dl/n' })), { pause: false, resume: false, cancel: false, open: true })
  })

  it('shows 100% only when done', () => {
    assert.equal(percentDone(view('downloading')), 33)
    assert.equal(percentDone(view('verifying', { bytesDone: 1000 })), 99)
    assert.equal(percentDone(view('done')), 100)
    assert.equal(percentDone(view('finding-peers', { size: 0, bytesDone: 0 })), 0)
  })
})
