/**
 * Test-only: a node that misbehaves on purpose when it serves chunks, so
 * that integrity and stall handling are exercised against real peers
 * (PEERSHARE_TEST_MISBEHAVE=corrupt|stall, or a lab's `misbehave`). It is a
 * chunk-source decorator the host hands to the engine; the engine and its
 * protocol server know nothing of misbehaviour.
 */
import type { ChunkSource, ChunkSourceDecorator } from '../core/index.js'

/** The two ways to misbehave: serve chunks with a flipped byte, or accept requests and never answer. */
export type Misbehaviour = 'corrupt' | 'stall'

/** Whether `value` names a misbehaviour. */
export function isMisbehaviour (value: string): value is Misbehaviour {
  return value === 'corrupt' || value === 'stall'
}

/** The decorator that makes every chunk source this node serves from misbehave as asked. */
export function misbehavingSources (misbehaviour: Misbehaviour): ChunkSourceDecorator {
  const read = misbehaviour === 'corrupt' ? readCorrupted : readNever
  return source => ({
    root: source.root,
    manifest: source.manifest,
    manifestBytes: source.manifestBytes,
    has: index => source.has(index),
    haveBytes: () => source.haveBytes(),
    read: async index => read(source, index),
    close: async () => { await source.close() }
  })
}

/** The chunk as read and verified, then with its first byte flipped (on a copy). */
async function readCorrupted (source: ChunkSource, index: number): Promise<Uint8Array> {
  const data = Uint8Array.from(await source.read(index))
  data[0] ^= 0xff
  return data
}

/** Never settles: the request is accepted and never answered. */
async function readNever (): Promise<Uint8Array> {
  return await new Promise<Uint8Array>(() => {})
}
