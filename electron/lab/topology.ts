/**
 * Who bootstraps from whom when a lab starts: `star` (everyone dials n0),
 * `ring` (each dials its two neighbours) or `random:K` (each dials K others
 * picked with the lab's seed, over a random spanning tree so that the swarm
 * is always connected). Pure: the same spec, size and seed give the same
 * links.
 */
import { createHash } from 'node:crypto'
import { LabError } from './errors.js'

/** A parsed topology. */
export type Topology =
  | { readonly kind: 'star' }
  | { readonly kind: 'ring' }
  | { readonly kind: 'random', readonly degree: number }

/** Parses `star`, `ring` or `random:K`. */
export function parseTopology (text: string): Topology {
  if (text === 'star' || text === 'ring') return { kind: text }
  const match = /^random:(\d{1,3})$/.exec(text)
  if (match != null && Number(match[1]) >= 1) return { kind: 'random', degree: Number(match[1]) }
  throw new LabError('bad-request', `--topology takes star, ring or random:K with K ≥ 1 (got "${text}").`)
}

/** The spec as written. */
export function formatTopology (t: Topology): string {
  return t.kind === 'random' ? `random:${t.degree}` : t.kind
}

/** For each instance, the indices of the instances it bootstraps from. */
export function bootstrapPlan (t: Topology, size: number, seed: string): number[][] {
  const plan: Array<Set<number>> = Array.from({ length: size }, () => new Set<number>())
  if (size < 2) return plan.map(s => [...s])
  switch (t.kind) {
    case 'star':
      for (let i = 1; i < size; i++) plan[i].add(0)
      break
    case 'ring':
      for (let i = 0; i < size; i++) {
        plan[i].add((i + size - 1) % size)
        if (size > 2) plan[i].add((i + 1) % size)
      }
      break
    case 'random': {
      const rand = seededRandom(`${seed}:topology`)
      // A random spanning tree first: each instance dials one earlier instance.
      for (let i = 1; i < size; i++) plan[i].add(Math.floor(rand() * i))
      const degree = Math.min(t.degree, size - 1)
      for (let i = 0; i < size; i++) {
        for (let tries = 0; plan[i].size < degree && tries < size * 4; tries++) {
          const j = Math.floor(rand() * size)
          if (j !== i) plan[i].add(j)
        }
      }
      break
    }
  }
  return plan.map(s => [...s].sort((a, b) => a - b))
}

/** A deterministic generator of numbers in [0, 1) from a text seed (SHA-256 in counter mode). */
export function seededRandom (seed: string): () => number {
  let counter = 0
  let block = Buffer.alloc(0)
  let offset = 0
  return () => {
    if (offset + 4 > block.length) {
      block = createHash('sha256').update(`${seed}\0${counter++}`).digest()
      offset = 0
    }
    const value = block.readUInt32BE(offset) / 2 ** 32
    offset += 4
    return value
  }
}
