/**
 * The renderer's view logic that decides what a person sees in the
 * Transfers view: state words, which buttons, progress. (The Settings form's
 * is in views/settings/.)
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { actionsFor, finishedFacts, percentDone, pickedFiles, stateLook } from '../../renderer/src/views/transfers/transfer-state.js'
import type { TransferState, TransferView } from '../../shared/index.js'

describe('transfer display', () => {
  const view = (state: TransferState, over: Partial<TransferView> = {}): TransferView => ({
    id: 'r', root: 'r', name: 'n', size: 1000, state, outDir: '/dl', chunkCount: 10, chunksDone: 3, bytesDone: 333,
    selectedFiles: null, chunksResumed: 0, chunksFetched: 3, badChunks: 0, rate: 0, etaSeconds: null, peers: [], bannedPeers: [],
    files: [], fileCount: 0, startedAt: 0, activeMs: 0, ...over
  })

  it('every state has words of its own', () => {
    const states: TransferState[] = ['finding-peers', 'downloading', 'paused', 'verifying', 'done', 'failed']
    const labels = states.map(s => stateLook(s).label)
    assert.equal(new Set(labels).size, states.length)
  })

  it('offers the buttons that make sense in each state', () => {
    assert.deepEqual(actionsFor(view('downloading')), { pause: true, resume: false, cancel: true, open: false, remove: false })
    assert.deepEqual(actionsFor(view('paused')), { pause: false, resume: true, cancel: true, open: false, remove: false })
    assert.deepEqual(actionsFor(view('failed')), { pause: false, resume: true, cancel: true, open: false, remove: false })
    assert.deepEqual(actionsFor(view('done', { path: '/dl/n' })), { pause: false, resume: false, cancel: false, open: true, remove: true })
  })

  it('shows 100% only when done', () => {
    assert.equal(percentDone(view('downloading')), 33)
    assert.equal(percentDone(view('verifying', { bytesDone: 1000 })), 99)
    assert.equal(percentDone(view('done')), 100)
    assert.equal(percentDone(view('finding-peers', { size: 0, bytesDone: 0 })), 0)
  })

  it('says how long a finished download took and how fast it went, pauses left out', () => {
    assert.equal(finishedFacts(view('downloading')), null)
    const done = view('done', { size: 30 * 1024 * 1024, startedAt: 1_000, finishedAt: 3_601_000, activeMs: 12_500 })
    assert.deepEqual(finishedFacts(done), { took: '13 s', averageRate: '2.4 MiB/s' })
    const recordedBefore = view('done', { size: 60 * 1024 * 1024, startedAt: 0, finishedAt: 60_000, activeMs: 0 })
    assert.deepEqual(finishedFacts(recordedBefore), { took: '1 min', averageRate: '1.0 MiB/s' })
  })

  it('counts picked files in good English', () => {
    assert.equal(pickedFiles(1, 1), '1 of 1 file')
    assert.equal(pickedFiles(3, 5), '3 of 5 files')
  })
})
