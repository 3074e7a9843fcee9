/**
 * The renderer's view logic that decides what a person sees in the
 * Transfers view: state words, which buttons, progress. (The Settings form's
 * is in views/settings/.)
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { actionsFor, finishedFacts, missingWords, percentDone, pickedFiles, startedLine, stateLook, transferLook, waitingWords } from '../../renderer/src/views/transfers/transfer-state.js'
import type { TransferState, TransferView } from '../../shared/index.js'

describe('transfer display', () => {
  const view = (state: TransferState, over: Partial<TransferView> = {}): TransferView => ({
    id: 'r', root: 'r', name: 'n', size: 1000, state, outDir: '/dl', chunkCount: 10, chunksDone: 3, bytesDone: 333,
    selectedFiles: null, chunksResumed: 0, chunksFetched: 3, badChunks: 0, rate: 0, etaSeconds: null, peers: [], bannedPeers: [],
    files: [], startedAt: 0, activeMs: 0, ...over
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

describe('what a download says about itself', () => {
  const view = (state: TransferState, over: Partial<TransferView> = {}): TransferView => ({
    id: 'r', root: 'r', name: 'big.bin', size: 1000, state, outDir: '/dl', chunkCount: 50, chunksDone: 20, bytesDone: 400,
    selectedFiles: null, chunksResumed: 0, chunksFetched: 20, badChunks: 0, rate: 0, etaSeconds: null, peers: [], bannedPeers: [],
    files: [], startedAt: 0, activeMs: 0, ...over
  })
  const at = (ms: number): string => `T+${ms}`

  it('a waiting download says which chunks are missing, that no connected peer has them, and when one last sent a chunk', () => {
    const t = view('downloading', { waiting: { since: 5, missingChunks: 30, missingRanges: [[12, 40], [45, 45]], connectedSources: 0, lastChunkAt: 1234 } })
    assert.equal(transferLook(t).label, 'Waiting for a source')
    assert.equal(waitingWords(t, at),
      'Waiting for a source: chunks 12–40 and 45 (30 of 50) are missing, and no peer that has them is connected. ' +
      'A peer last sent a chunk at T+1234. It goes on by itself when a peer that has them connects.')
    const one = view('downloading', { waiting: { since: 5, missingChunks: 31, missingRanges: [[3, 3]], connectedSources: 2, lastChunkAt: null } })
    assert.match(waitingWords(one, at)!, /chunks 3 and more \(31 of 50\) are missing, and the 2 peers connected have none of them\. No peer has sent a chunk since it started\./)
    assert.equal(waitingWords(view('downloading'), at), null)
    assert.equal(transferLook(view('downloading')).label, 'Downloading')
  })

  it('a finished download whose file is gone says so, and how to get it back', () => {
    const t = view('done', { path: '/dl/big.bin', missingFiles: ['/dl/big.bin'] })
    assert.equal(transferLook(t).label, 'File missing')
    assert.equal(missingWords(t), '/dl/big.bin is no longer there (deleted or moved). Look the link up again and press Download to fetch it again.')
    assert.equal(missingWords(view('done', { path: '/dl/big.bin' })), null)
  })

  it('the Download card\'s line speaks of its download only while it is under way and the node is there', () => {
    const running = view('downloading')
    assert.equal(startedLine('r', [running], 'open'), 'Downloading big.bin.')
    assert.equal(startedLine('r', [view('finding-peers')], 'local'), 'Downloading big.bin.')
    for (const state of ['done', 'paused', 'failed'] as const) assert.equal(startedLine('r', [view(state)], 'open'), '', state)
    assert.equal(startedLine('r', [], 'open'), '', 'cancelled')
    assert.equal(startedLine('r', [running], 'reconnecting'), '', 'the node went away')
    assert.equal(startedLine(null, [running], 'open'), '')
  })
})
