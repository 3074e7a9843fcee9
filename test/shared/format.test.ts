/** The shared formatting helpers: durations in words, and nouns that agree with their count ("1 peer", "1 of 1 file"). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { countOf, formatDuration } from '../../shared/index.js'

describe('formatting', () => {
  it('puts a noun in the singular for exactly one', () => {
    assert.equal(countOf(1, 'peer'), '1 peer')
    assert.equal(countOf(0, 'peer'), '0 peers')
    assert.equal(countOf(3, 'file'), '3 files')
    assert.equal(countOf(2, 'bad chunk'), '2 bad chunks')
    assert.equal(countOf(1, 'child', 'children'), '1 child')
    assert.equal(countOf(4, 'child', 'children'), '4 children')
  })

  it('says how long something took in words', () => {
    assert.equal(formatDuration(400), '400 ms')
    assert.equal(formatDuration(42_000), '42 s')
    assert.equal(formatDuration(60_000), '1 min')
    assert.equal(formatDuration(125_000), '2 min 5 s')
    assert.equal(formatDuration(3_600_000), '1 h')
    assert.equal(formatDuration((3 * 3600 + 7 * 60 + 9) * 1000), '3 h 7 min')
    assert.equal(formatDuration(-1), '?')
  })
})
