/**
 * Which downloads the Transfers view offers to diagnose: those finding
 * peers, downloading at no speed, or failed for want of peers; not a
 * moving, paused or finished one.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isStalled } from '../../../../renderer/src/views/transfers/stalled.js'
import type { TransferState, TransferView } from '../../../../shared/index.js'

const view = (state: TransferState, over: Partial<TransferView> = {}): TransferView => ({
  id: 'r', root: 'r', name: 'n', size: 1000, state, outDir: '/dl', chunkCount: 10, chunksDone: 3, bytesDone: 333,
  selectedFiles: null, chunksResumed: 0, chunksFetched: 3, badChunks: 0, rate: 0, etaSeconds: null, peers: [], bannedPeers: [],
  files: [], startedAt: 0, ...over
} as TransferView)

describe('stalled downloads', () => {
  it('offers a diagnosis while nothing moves, and not otherwise', () => {
    assert.equal(isStalled(view('finding-peers')), true)
    assert.equal(isStalled(view('downloading', { rate: 0 })), true)
    assert.equal(isStalled(view('downloading', { rate: 1024 })), false)
    assert.equal(isStalled(view('failed', { error: { code: 'no-providers', message: 'nobody' } })), true)
    assert.equal(isStalled(view('failed', { error: { code: 'disk-full', message: 'full' } })), false)
    for (const state of ['paused', 'verifying', 'done'] as const) assert.equal(isStalled(view(state)), false, state)
  })
})
