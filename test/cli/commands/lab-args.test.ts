/**
 * `peershare lab …` command lines: what each parses to, and the usage
 * errors a person gets for a mistake.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseLabArgs, parseSettingsChange } from '../../../electron/cli/commands/lab-args.js'
import { UsageError } from '../../../electron/cli/usage-error.js'

const env = { PEERSHARE_LAB_ROOT: '/labs' }

describe('lab command lines', () => {
  it('up takes a size, a name, a topology, a seed and --json; the root comes from the environment', () => {
    assert.deepEqual(parseLabArgs(['up', '6', '--name', 'x', '--topology', 'random:3', '--seed', 's1', '--json'], env), {
      kind: 'up', root: '/labs', size: 6, name: 'x', topology: { kind: 'random', degree: 3 }, seed: 's1', json: true, inProcess: false, port: undefined, relay: false
    })
    const up = parseLabArgs(['up', '3', '--root', 'rel'], env, '/home/me')
    assert.equal(up.kind === 'up' && up.root, '/home/me/rel')
    assert.equal(up.kind === 'up' && up.topology.kind, 'star', 'star by default')
    const big = parseLabArgs(['up', '21'], env)
    assert.deepEqual(big.kind === 'up' && big.topology, { kind: 'random', degree: 3 }, 'random:3 beyond 20 instances')
  })

  it('up runs the lab relay with --relay (its data limit lifted) or --relay-data-limit; not in-process', () => {
    const up = parseLabArgs(['up', '3', '--relay'], env)
    assert.ok(up.kind === 'up' && up.relay && up.relayDataLimit === undefined)
    const limited = parseLabArgs(['up', '3', '--relay-data-limit', 'default'], env)
    assert.ok(limited.kind === 'up' && limited.relay && limited.relayDataLimit === 'default')
    assert.throws(() => parseLabArgs(['up', '3', '--relay-data-limit', '1M'], env), /none or default/)
    assert.throws(() => parseLabArgs(['up', '3', '--relay', '--in-process'], env), /daemon processes/)
    assert.throws(() => parseLabArgs(['set', 'n1', 'latency=1ms', '--relay'], env), /--relay does not apply to lab set/)
  })

  it('set parses nat and relay-only, on or off', () => {
    assert.deepEqual(parseSettingsChange(['nat=on']), { nat: true })
    assert.deepEqual(parseSettingsChange(['relay-only=on', 'latency=10ms']), { relayOnly: true, latencyMs: 10 })
    assert.deepEqual(parseSettingsChange(['nat=off', 'relay-only=off']), { nat: false, relayOnly: false })
    assert.throws(() => parseSettingsChange(['nat=yes']), /nat takes on or off/)
    assert.throws(() => parseSettingsChange(['firewall=on']), /keys: latency, loss, up, down, nat, relay-only/)
  })

  it('refuses sizes out of range, unknown topologies and options of other subcommands', () => {
    assert.throws(() => parseLabArgs(['up', '0'], env), UsageError)
    assert.throws(() => parseLabArgs(['up', '65'], env), /--in-process/)
    assert.equal(parseLabArgs(['up', '200', '--in-process'], env).kind, 'up')
    assert.throws(() => parseLabArgs(['up', '3', '--topology', 'mesh'], env), /star, ring or random:K/)
    assert.throws(() => parseLabArgs(['down', 'x', '--seed', '1'], env), /--seed does not apply to lab down/)
    assert.throws(() => parseLabArgs(['fly'], env), /Unknown lab command "fly"/)
  })

  it('set parses latency, loss and both caps', () => {
    assert.deepEqual(parseSettingsChange(['latency=80ms', 'loss=2%', 'up=1MB/s', 'down=512k']), { latencyMs: 80, lossPercent: 2, uploadLimit: 1024 ** 2, downloadLimit: 512 * 1024 })
    assert.deepEqual(parseSettingsChange(['latency=1.5s', 'up=none']), { latencyMs: 1500, uploadLimit: 0 })
    assert.throws(() => parseSettingsChange(['loss=120%']), /0 to 100/)
    assert.throws(() => parseSettingsChange(['jitter=5ms']), /Unknown setting "jitter"/)
    assert.throws(() => parseSettingsChange(['latency']), /KEY=VALUE/)
    const set = parseLabArgs(['set', 'n3', 'latency=80ms', '--name', 'a'], env)
    assert.deepEqual(set, { kind: 'set', root: '/labs', name: 'a', node: 'n3', change: { latencyMs: 80 }, json: false })
  })

  it('per-instance actions, misbehave and run', () => {
    assert.deepEqual(parseLabArgs(['kill', 'n0'], env), { kind: 'action', root: '/labs', name: undefined, node: 'n0', action: 'kill', json: false })
    assert.equal((parseLabArgs(['misbehave', 'n1', 'off'], env) as { mode: unknown }).mode, null)
    assert.throws(() => parseLabArgs(['misbehave', 'n1', 'lie'], env), /corrupt, stall or off/)
    const run = parseLabArgs(['run', 'scn.json', '--keep'], env, '/w')
    assert.equal(run.kind === 'run' && run.file, '/w/scn.json')
  })
})
