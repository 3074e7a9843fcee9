/**
 * The test-only misbehaving peer (electron/host/misbehaving-source.ts): what
 * a downloader would get from a source wrapped to corrupt or to stall, while
 * what it advertises stays the same.
 */
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, it } from 'node:test'
import type { ChunkSource } from '../../electron/core/index.js'
import { isMisbehaviour, misbehavingSources } from '../../electron/host/index.js'

const CHUNKS = [Uint8Array.of(1, 2, 3), Uint8Array.of(4, 5, 6)]

/** A source of two chunks held in memory; counts its reads and closes. */
function memorySource (): ChunkSource & { reads: number, closed: boolean } {
  return {
    root: 'bafkreiroot',
    manifest: { chunkCount: CHUNKS.length } as ChunkSource['manifest'],
    manifestBytes: Uint8Array.of(9),
    reads: 0,
    closed: false,
    has: index => index === 0,
    haveBytes: () => Uint8Array.of(0x80),
    async read (index) { this.reads++; return CHUNKS[index] },
    async close () { this.closed = true }
  }
}

describe('misbehaving sources', () => {
  it('names only corrupt and stall', () => {
    assert.equal(isMisbehaviour('corrupt'), true)
    assert.equal(isMisbehaviour('stall'), true)
    assert.equal(isMisbehaviour('explode'), false)
  })

  it('corrupt: serves the chunk with its first byte flipped, leaving the stored bytes alone', async () => {
    const inner = memorySource()
    const source = misbehavingSources('corrupt')(inner)
    assert.deepEqual(await source.read(1), Uint8Array.of(4 ^ 0xff, 5, 6))
    assert.deepEqual(CHUNKS[1], Uint8Array.of(4, 5, 6), 'the original chunk is untouched')
    assert.equal(inner.reads, 1)
  })

  it('stall: a read never answers', async () => {
    const source = misbehavingSources('stall')(memorySource())
    const answer = await Promise.race([source.read(0).then(() => 'answered'), sleep(50, 'still waiting')])
    assert.equal(answer, 'still waiting')
  })

  it('advertises what the wrapped source holds, and closes it', async () => {
    for (const kind of ['corrupt', 'stall'] as const) {
      const inner = memorySource()
      const source = misbehavingSources(kind)(inner)
      assert.equal(source.root, inner.root)
      assert.equal(source.manifestBytes, inner.manifestBytes)
      assert.equal(source.has(0), true)
      assert.equal(source.has(1), false)
      assert.deepEqual(source.haveBytes(), Uint8Array.of(0x80))
      await source.close()
      assert.equal(inner.closed, true)
    }
  })
})
