/** Which chunk a peer is asked for next, and how many at once (pure; after WebTorrent's rarity-map tests). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { INITIAL_WINDOW, MAX_WINDOW, MIN_WINDOW } from '../../../electron/core/defaults.js'
import { ChunkPicker, windowFor } from '../../../electron/core/transfer/chunk-picker.js'
import { Bitfield } from '../../../electron/core/util/bitfield.js'

/** A bitfield of `length` with `indices` set. */
function bits (length: number, indices: readonly number[]): Bitfield {
  const b = new Bitfield(length)
  for (const i of indices) b.set(i)
  return b
}

const all = (n: number): Bitfield => bits(n, Array.from({ length: n }, (_, i) => i))

function picker (chunkCount: number, needed: (i: number) => boolean = () => true): ChunkPicker {
  return new ChunkPicker({ chunkCount, needed })
}

describe('chunk picker', () => {
  it('counts how many peers hold each chunk as peers come and go, never below zero', () => {
    const p = picker(4)
    const a = bits(4, [0, 1])
    const b = bits(4, [1, 2])
    p.add(a)
    p.add(b)
    assert.deepEqual([0, 1, 2, 3].map(i => p.holders(i)), [1, 2, 1, 0])
    p.remove(a)
    assert.deepEqual([0, 1, 2, 3].map(i => p.holders(i)), [0, 1, 1, 0])
    p.remove(bits(4, [0]))
    assert.equal(p.holders(0), 0, 'a count at zero stays there rather than wrapping round to "very common"')
    p.forgetPeers()
    assert.deepEqual([0, 1, 2, 3].map(i => p.holders(i)), [0, 0, 0, 0])
  })

  it('picks the rarest chunk the peer holds, the lowest index among equals', () => {
    const p = picker(6)
    const everyone = { key: 'a', have: all(6) }
    p.add(everyone.have)
    p.add(bits(6, [0, 1, 2, 4]))
    p.add(bits(6, [0, 1, 4]))
    // holders: 0→3, 1→3, 2→2, 3→1, 4→3, 5→1
    assert.equal(p.pick(everyone), 3)
    assert.equal(p.pick(everyone), 5)
    assert.equal(p.pick(everyone), 2)
    assert.equal(p.pick(everyone), 0)
    assert.equal(p.pick(everyone), 1)
    assert.equal(p.pick(everyone), 4)
    assert.equal(p.pick(everyone), undefined, 'every chunk is asked for')
  })

  it('only picks chunks the peer holds', () => {
    const p = picker(4)
    const partial = { key: 'b', have: bits(4, [2]) }
    p.add(all(4))
    p.add(partial.have)
    assert.equal(p.pick(partial), 2)
    assert.equal(p.pick(partial), undefined)
  })

  it('does not pick a chunk asked for until its request ends', () => {
    const p = picker(2)
    const a = { key: 'a', have: all(2) }
    const b = { key: 'b', have: all(2) }
    p.add(a.have)
    p.add(b.have)
    assert.equal(p.pick(a), 0)
    assert.equal(p.pick(b), 1)
    assert.equal(p.pick(a), undefined)
    assert.equal(p.inFlight, 2)
    p.release(0)
    assert.equal(p.pick(b), 0, 'a failed request frees the chunk for another peer')
  })

  it('skips chunks that are verified or not wanted', () => {
    const done = new Set([0, 2])
    const p = picker(4, i => !done.has(i) && i !== 3)
    const a = { key: 'a', have: all(4) }
    p.add(a.have)
    assert.equal(p.pick(a), 1)
    assert.equal(p.pick(a), undefined)
  })

  it('never asks a peer again for a chunk it sent a bad copy of; others still may', () => {
    const p = picker(2)
    const liar = { key: 'liar', have: all(2) }
    const honest = { key: 'honest', have: all(2) }
    p.add(liar.have)
    p.add(honest.have)
    assert.equal(p.pick(liar), 0)
    p.exclude(0, liar.key)
    p.release(0)
    assert.equal(p.pick(liar), 1, 'the liar gets another chunk')
    assert.equal(p.pick(honest), 0, 'the bad chunk goes to someone else')
  })

  it('sizes a peer\'s window by its measured rate, within bounds', () => {
    const chunk = 64 * 1024
    assert.equal(windowFor(0, 0, chunk), INITIAL_WINDOW, 'no chunk yet: the initial window')
    assert.equal(windowFor(10 * chunk, 0, chunk), INITIAL_WINDOW, 'the rate counts only once a chunk arrived')
    assert.equal(windowFor(0, 3, chunk), MIN_WINDOW, 'a stalled peer keeps the smallest window')
    assert.equal(windowFor(chunk, 3, chunk), MIN_WINDOW, 'a chunk a second: one second of it, plus one')
    assert.equal(windowFor(5 * chunk, 3, chunk), 6)
    assert.equal(windowFor(5.5 * chunk, 3, chunk), 7, 'rounded up')
    assert.equal(windowFor(1000 * chunk, 3, chunk), MAX_WINDOW, 'a very fast peer: the largest window')
  })
})
