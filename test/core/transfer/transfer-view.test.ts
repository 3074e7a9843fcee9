/** How a transfer looks to the UI: a pure function of its record and its download's state. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makeManifest, MIN_CHUNK_SIZE } from '../../../electron/core/content/manifest.js'
import { newRecord } from '../../../electron/core/transfer/transfer-record.js'
import { transferView, type DownloadSnapshot } from '../../../electron/core/transfer/transfer-view.js'
import { Wanted } from '../../../electron/core/transfer/wanted.js'
import { Bitfield } from '../../../electron/core/util/bitfield.js'

const chunk = MIN_CHUNK_SIZE
// folder/a: chunks 0-2 (the last one 1000 bytes); folder/b: chunks 3-4 (the last one 500 bytes).
const manifest = makeManifest('folder', chunk, [
  { path: 'folder/a', size: 2 * chunk + 1000, hashes: new Uint8Array(3 * 32) },
  { path: 'folder/b', size: chunk + 500, hashes: new Uint8Array(2 * 32) }
])
const record = (over: Partial<ReturnType<typeof newRecord>> = {}): ReturnType<typeof newRecord> =>
  ({ ...newRecord({ root: 'bafkroot', name: 'from-the-link', size: 123, outDir: '/downloads', linkPeers: [] }), ...over })

function snapshot (wanted: Wanted, verified: number[], over: Partial<DownloadSnapshot> = {}): DownloadSnapshot {
  const bits = new Bitfield(manifest.chunkCount)
  for (const i of verified) bits.set(i)
  return { manifest, wanted, verified: bits, rate: 0, peers: [], bannedPeers: [], chunksResumed: 0, chunksFetched: 0, badChunks: 0, ...over }
}

describe('transfer view', () => {
  it('before the manifest: what the link said, and nothing done', () => {
    const v = transferView(record())
    assert.equal(v.name, 'from-the-link')
    assert.equal(v.size, 123)
    assert.equal(v.state, 'finding-peers')
    assert.deepEqual([v.chunkCount, v.chunksDone, v.bytesDone, v.rate, v.etaSeconds], [0, 0, 0, 0, null])
    assert.deepEqual([v.peers, v.bannedPeers, v.files, v.selectedFiles], [[], [], [], null])
    assert.equal(transferView(record({ name: undefined })).name, 'bafkroot', 'no name at all: the root')
  })

  it('counts only the picked files\' chunks and bytes', () => {
    const wanted = new Wanted(manifest, ['folder/b'])
    const v = transferView(record({ files: ['folder/b'], state: 'downloading' }), snapshot(wanted, [0, 1, 3]))
    assert.equal(v.name, 'folder', 'the manifest\'s name')
    assert.equal(v.size, chunk + 500)
    assert.equal(v.chunkCount, 2)
    assert.equal(v.chunksDone, 1, 'chunks of folder/a do not count')
    assert.equal(v.bytesDone, chunk)
    assert.deepEqual(v.selectedFiles, ['folder/b'])
    assert.deepEqual(v.files.map(f => f.path), ['folder/a', 'folder/b'], 'the listing shows every file')
  })

  it('shows rate and time left only while downloading', () => {
    const wanted = new Wanted(manifest)
    const downloading = transferView(record({ state: 'downloading' }), snapshot(wanted, [0], { rate: 1000 }))
    assert.equal(downloading.rate, 1000)
    assert.equal(downloading.etaSeconds, (manifest.size - chunk) / 1000)
    const paused = transferView(record({ state: 'paused' }), snapshot(wanted, [0], { rate: 1000 }))
    assert.deepEqual([paused.rate, paused.etaSeconds], [0, null])
  })

  it('a finished transfer shows everything done', () => {
    const v = transferView(record({ state: 'done', path: '/downloads/folder', finishedAt: 5 }), snapshot(new Wanted(manifest), []))
    assert.equal(v.chunksDone, manifest.chunkCount)
    assert.equal(v.bytesDone, manifest.size)
    assert.equal(v.path, '/downloads/folder')
  })

  it('refuses picks the manifest does not list', () => {
    assert.throws(() => new Wanted(manifest, ['folder/c']), (err: { code?: string }) => err.code === 'bad-request')
  })
})
