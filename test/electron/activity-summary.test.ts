/**
 * What the tray says and when a "download complete" notification is shown,
 * decided from the engine's events by pure code.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { PeerShareEvent, TransferView } from '../../shared/index.js'
import { applyActivityEvent, EMPTY_ACTIVITY, seedActivity, summarizeActivity } from '../../electron/main/activity-summary.js'
import { CompletionWatch } from '../../electron/main/completion-notices.js'
import { FAKE_SHARE, FAKE_TRANSFER } from '../host/fake-engine.js'

const transfer = (id: string, state: TransferView['state'], extra: Partial<TransferView> = {}): PeerShareEvent =>
  ({ kind: 'transfer', transfer: { ...FAKE_TRANSFER, id, root: id, state, ...extra } })

describe('tray summary', () => {
  it('says nothing is happening on an idle instance', () => {
    const summary = summarizeActivity(EMPTY_ACTIVITY, 'default')
    assert.deepEqual(summary.lines, ['No active downloads', '↓ 0 B/s  ↑ 0 B/s', 'Nothing shared'])
    assert.equal(summary.tooltip, 'PeerShare — default\nNo active downloads\n↓ 0 B/s  ↑ 0 B/s\nNothing shared')
  })

  it('counts active downloads, shares and the total rates from events', () => {
    let state = seedActivity([FAKE_SHARE], [{ ...FAKE_TRANSFER, id: 'a', state: 'done' }])
    for (const event of [
      transfer('b', 'finding-peers'),
      transfer('c', 'downloading'),
      transfer('d', 'verifying'),
      transfer('e', 'paused'),
      transfer('f', 'failed'),
      { kind: 'share', share: { ...FAKE_SHARE, root: 'other' } },
      { kind: 'stats', bytesIn: 1, bytesOut: 2, rateIn: 3.5 * 1024 * 1024, rateOut: 1024 * 1024, at: 1 }
    ] satisfies PeerShareEvent[]) state = applyActivityEvent(state, event)
    const summary = summarizeActivity(state, 'work')
    assert.equal(summary.activeDownloads, 3)
    assert.deepEqual(summary.lines, ['3 downloads active', '↓ 3.5 MiB/s  ↑ 1.0 MiB/s', '2 shares'])

    state = applyActivityEvent(state, transfer('b', 'done'))
    state = applyActivityEvent(state, { kind: 'transfer-removed', id: 'c' })
    state = applyActivityEvent(state, { kind: 'share-removed', root: 'other' })
    assert.deepEqual(summarizeActivity(state, 'work').lines.filter(l => !l.startsWith('↓')), ['1 download active', '1 share'])
  })

  it('keeps the same state for events that change nothing shown, so the tray is not redrawn', () => {
    const state = seedActivity([FAKE_SHARE], [FAKE_TRANSFER])
    assert.equal(applyActivityEvent(state, { kind: 'transfer', transfer: FAKE_TRANSFER }), state)
    assert.equal(applyActivityEvent(state, { kind: 'share', share: FAKE_SHARE }), state)
    assert.equal(applyActivityEvent(state, { kind: 'peer-disconnected', peerId: 'x' }), state)
    assert.equal(applyActivityEvent(state, { kind: 'transfer-removed', id: 'unknown' }), state)
    assert.equal(applyActivityEvent(state, { kind: 'stats', bytesIn: 5, bytesOut: 5, rateIn: 0, rateOut: 0, at: 2 }), state)
  })
})

describe('completion notifications', () => {
  it('announces a download once, when it reaches done while the app watches', () => {
    const watch = new CompletionWatch()
    watch.seed([])
    assert.equal(watch.onEvent(transfer('a', 'downloading')), null)
    assert.equal(watch.onEvent(transfer('a', 'verifying')), null)
    const notice = watch.onEvent(transfer('a', 'done', { name: 'movie.mkv', size: 3 * 1024 * 1024, path: '/dl/movie.mkv' }))
    assert.deepEqual(notice, {
      transferId: 'a',
      title: 'Download complete',
      body: 'movie.mkv (3.0 MiB) is verified and ready in /dl/movie.mkv.',
      path: '/dl/movie.mkv'
    })
    assert.equal(watch.onEvent(transfer('a', 'done')), null, 'never twice')
    assert.equal(watch.onEvent({ kind: 'stats', bytesIn: 0, bytesOut: 0, rateIn: 0, rateOut: 0, at: 0 }), null)
  })

  it('stays quiet about downloads finished before the app started, and failures', () => {
    const watch = new CompletionWatch()
    watch.seed([{ ...FAKE_TRANSFER, id: 'old', state: 'done' }])
    assert.equal(watch.onEvent(transfer('old', 'done')), null)
    assert.equal(watch.onEvent(transfer('x', 'failed')), null)
  })

  it('announces again a share downloaded anew after being removed', () => {
    const watch = new CompletionWatch()
    assert.notEqual(watch.onEvent(transfer('a', 'done')), null)
    watch.onEvent({ kind: 'transfer-removed', id: 'a' })
    watch.onEvent(transfer('a', 'downloading'))
    assert.notEqual(watch.onEvent(transfer('a', 'done')), null)
  })
})
