/**
 * Who bootstraps from whom: star, ring and random:K, the same for the same
 * seed, and a random swarm always connected.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bootstrapPlan, parseTopology } from '../../electron/lab/topology.js'

/** Whether the undirected graph of a plan is connected. */
function connected (plan: number[][]): boolean {
  const adj = plan.map(() => new Set<number>())
  plan.forEach((to, i) => { for (const j of to) { adj[i].add(j); adj[j].add(i) } })
  const seen = new Set([0])
  const queue = [0]
  while (queue.length > 0) for (const j of adj[queue.shift()!]) if (!seen.has(j)) { seen.add(j); queue.push(j) }
  return seen.size === plan.length
}

describe('lab topologies', () => {
  it('star: everyone dials n0', () => {
    assert.deepEqual(bootstrapPlan(parseTopology('star'), 4, 's'), [[], [0], [0], [0]])
  })

  it('ring: each dials both neighbours', () => {
    assert.deepEqual(bootstrapPlan(parseTopology('ring'), 4, 's'), [[1, 3], [0, 2], [1, 3], [0, 2]])
    assert.deepEqual(bootstrapPlan(parseTopology('ring'), 2, 's'), [[1], [0]])
  })

  it('random:K: K peers each, connected, and the same for the same seed', () => {
    const plan = bootstrapPlan(parseTopology('random:2'), 20, 'seed-a')
    assert.ok(plan.every((to, i) => to.length >= 2 && !to.includes(i)), JSON.stringify(plan))
    assert.ok(connected(plan))
    assert.deepEqual(bootstrapPlan(parseTopology('random:2'), 20, 'seed-a'), plan)
    assert.notDeepEqual(bootstrapPlan(parseTopology('random:2'), 20, 'seed-b'), plan)
    for (let seed = 0; seed < 20; seed++) assert.ok(connected(bootstrapPlan(parseTopology('random:1'), 12, String(seed))), `seed ${seed}`)
  })

  it('a single instance bootstraps from nobody', () => {
    assert.deepEqual(bootstrapPlan(parseTopology('random:3'), 1, 's'), [[]])
  })
})
