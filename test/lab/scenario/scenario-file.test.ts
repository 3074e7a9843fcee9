/**
 * Scenario files: the three shipped ones parse, node ranges and units are
 * understood, and a mistake is named with where it is.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'
import { parseNodes, parseScenario } from '../../../electron/lab/scenario/scenario-file.js'

/** lab/scenarios in the checkout, seen from dist/test/lab/scenario/. */
const SHIPPED = fileURLToPath(new URL('../../../../lab/scenarios/', import.meta.url))

describe('scenario files', () => {
  for (const name of ['seeder-churn', 'flash-crowd', 'corrupting-peer']) {
    it(`${name}.json parses`, async () => {
      const s = parseScenario(await readFile(`${SHIPPED}${name}.json`, 'utf8'))
      assert.equal(s.name, name)
      assert.ok(s.steps.length > 0 && s.assertions.length > 0)
    })
  }

  it('reads durations, sizes, fractions and node ranges', () => {
    const s = parseScenario(JSON.stringify({
      name: 'x',
      lab: { size: 6, topology: 'ring' },
      files: [{ id: 'f', size: '2MiB' }],
      steps: [
        { at: '1.5s', do: 'get', nodes: 'n1-n3', file: 'f' },
        { when: { node: 'n1', file: 'f', atLeast: '50%' }, do: 'kill', node: 'n0' },
        { do: 'set', node: 'n2', latency: '80ms', loss: '2%', up: '1M' },
        { do: 'churn', nodes: ['n4', 'n5'], every: '1m', until: '5m' }
      ],
      assertions: [{ expect: 'downloads-done', nodes: 'all', within: '2m' }]
    }))
    assert.equal(s.files[0].size, 2 * 1024 * 1024)
    assert.deepEqual(s.steps[0].nodes, ['n1', 'n2', 'n3'])
    assert.equal(s.steps[0].at, 1500)
    assert.deepEqual(s.steps[1].when, { node: 'n1', file: 'f', atLeast: 0.5 })
    assert.deepEqual(s.steps[2].set, { latencyMs: 80, lossPercent: 2, uploadLimit: 1024 * 1024 })
    assert.equal(s.steps[3].downFor, 10_000)
    assert.equal(s.assertions[0].nodes.length, 6)
    assert.equal(s.assertions[0].within, 120_000)
    assert.equal(s.lab.seed, 'x', 'the seed defaults to the name')
    assert.equal(s.lab.relay, undefined, 'no lab relay unless asked for')
  })

  it('reads the lab relay and NAT steps', () => {
    const s = parseScenario(JSON.stringify({
      name: 'nat',
      lab: { size: 3, relay: 'default' },
      steps: [{ do: 'set', node: 'n2', nat: 'on' }, { do: 'set', node: 'n1', 'relay-only': 'on' }, { do: 'set', node: 'n2', nat: 'off' }],
      assertions: [{ expect: 'downloads-done', nodes: 'all', within: '2m' }]
    }))
    assert.equal(s.lab.relay, 'default')
    assert.deepEqual(s.steps.map(x => x.set), [{ nat: true }, { relayOnly: true }, { nat: false }])
    assert.equal(parseScenario(JSON.stringify({ name: 'r', lab: { size: 1, relay: true }, assertions: [{ expect: 'downloads-done', nodes: 'all', within: '1s' }] })).lab.relay, 'none')
    assert.throws(() => parseScenario(JSON.stringify({ name: 'r', lab: { size: 1, relay: 'some' }, assertions: [{ expect: 'downloads-done', nodes: 'all', within: '1s' }] })), /lab\.relay must be/)
    assert.throws(() => parseScenario(JSON.stringify({ name: 'r', lab: { size: 1 }, steps: [{ do: 'set', node: 'n0', nat: 'maybe' }], assertions: [{ expect: 'downloads-done', nodes: 'all', within: '1s' }] })), /steps\[0\]\.nat must be "on" or "off"/)
  })

  it('names the place of a mistake', () => {
    const base = { name: 'x', lab: { size: 2 }, files: [{ id: 'f', size: 10 }], assertions: [{ expect: 'downloads-done', node: 'n1', within: '1s' }] }
    assert.throws(() => parseScenario('{'), /not JSON/)
    assert.throws(() => parseScenario(JSON.stringify({ ...base, steps: [{ do: 'fly', node: 'n0' }] })), /steps\[0\]\.do must be one of/)
    assert.throws(() => parseScenario(JSON.stringify({ ...base, steps: [{ do: 'get', node: 'n0', file: 'g' }] })), /steps\[0\]\.file: no file "g"/)
    assert.throws(() => parseScenario(JSON.stringify({ ...base, steps: [{ do: 'kill', node: 'n0', at: 'soon' }] })), /steps\[0\]\.at must be a duration/)
    assert.throws(() => parseScenario(JSON.stringify({ ...base, assertions: [] })), /at least one assertion/)
    assert.throws(() => parseNodes('n9', 'here', ['n0', 'n1']), /here: the lab has no node "n9"/)
  })
})
