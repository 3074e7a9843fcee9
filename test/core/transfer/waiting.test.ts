/** When a download says it waits for a source, and what the view then says. */
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it, mock } from 'node:test'
import { WAITING_GRACE } from '../../../electron/core/defaults.js'
import { Waiting } from '../../../electron/core/transfer/waiting.js'

function waitingWith (state: { inFlight: number, processing: number, held: boolean }): Waiting {
  return new Waiting({
    picker: {
      get inFlight () { return state.inFlight },
      anyHeld: () => state.held,
      neededRanges: () => ({ count: 4, ranges: [[6, 9]] })
    },
    processing: () => state.processing,
    connectedSources: () => 1
  })
}

describe('waiting for a source', () => {
  beforeEach(() => { mock.timers.enable({ apis: ['Date'], now: 1_000_000 }) })
  afterEach(() => { mock.timers.reset() })

  it('says so only once nothing could be fetched for the grace, with what is missing', () => {
    const state = { inFlight: 0, processing: 0, held: false }
    const waiting = waitingWith(state)
    waiting.lastChunkAt = 999_000
    waiting.noteStuck()
    assert.equal(waiting.stalled, false)
    assert.equal(waiting.waitingView(), undefined, 'not at every pause between chunks')
    mock.timers.tick(WAITING_GRACE)
    assert.equal(waiting.stalled, true)
    assert.deepEqual(waiting.waitingView(), { since: 1_000_000, missingChunks: 4, missingRanges: [[6, 9]], connectedSources: 1, lastChunkAt: 999_000 })
  })

  it('is not stuck while a chunk is in flight, being written, or held by a source; a new run starts afresh', () => {
    const state = { inFlight: 1, processing: 0, held: false }
    const waiting = waitingWith(state)
    for (const s of [{ inFlight: 1, processing: 0, held: false }, { inFlight: 0, processing: 1, held: false }, { inFlight: 0, processing: 0, held: true }]) {
      Object.assign(state, s)
      waiting.noteStuck()
      mock.timers.tick(WAITING_GRACE)
      assert.equal(waiting.stalled, false, JSON.stringify(s))
    }
    Object.assign(state, { inFlight: 0, processing: 0, held: false })
    waiting.noteStuck()
    mock.timers.tick(WAITING_GRACE)
    assert.equal(waiting.stalled, true)
    waiting.reset()
    assert.equal(waiting.stalled, false)
  })
})
