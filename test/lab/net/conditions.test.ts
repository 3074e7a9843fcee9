/**
 * Loss on a byte stream: how often a chunk is held back by a retransmission
 * timeout, and for how long; and the checks on conditions.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkConditions, lossDelay, MIN_RTO_MS, SEGMENT_BYTES } from '../../../electron/lab/net/conditions.js'

describe('lab network conditions', () => {
  it('no loss, no delay', () => {
    assert.equal(lossDelay({ latencyMs: 50, lossPercent: 0 }, 100_000, () => 0), 0)
  })

  it('a chunk of many segments is more likely to lose one', () => {
    const c = { latencyMs: 0, lossPercent: 1 }
    // P(one segment lost) = 1 %; P(any of 100 lost) = 1 − 0.99^100 ≈ 63 %.
    assert.equal(lossDelay(c, SEGMENT_BYTES, () => 0.02), 0)
    assert.equal(lossDelay(c, SEGMENT_BYTES, () => 0.005), MIN_RTO_MS)
    assert.equal(lossDelay(c, 100 * SEGMENT_BYTES, () => 0.6), MIN_RTO_MS)
    assert.equal(lossDelay(c, 100 * SEGMENT_BYTES, () => 0.7), 0)
  })

  it('the retransmission timeout grows with the latency', () => {
    assert.equal(lossDelay({ latencyMs: 300, lossPercent: 100 }, 10, () => 0.5), 600)
  })

  it('refuses nonsense', () => {
    assert.throws(() => checkConditions({ latencyMs: -1, lossPercent: 0 }), /latency/)
    assert.throws(() => checkConditions({ latencyMs: 0, lossPercent: 101 }), /loss/)
    assert.deepEqual(checkConditions({ latencyMs: 80.4, lossPercent: 2 }), { latencyMs: 80, lossPercent: 2 })
  })
})
