/**
 * The DHT inspector's command line (electron/cli/dht-args.ts through
 * parseCliArgs): `dht VIEW [TARGET] [--op OP]` and `doctor LINK`, and a
 * usage error naming the mistake for everything else.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseCliArgs } from '../../electron/cli/args.js'
import { UsageError } from '../../electron/cli/usage-error.js'

const ROOT = 'bafkreih7r7bg5sjeecnla5m5bmphofods7ytgusy7rwjeflmppwnpq27he'
const parse = (...argv: string[]): ReturnType<typeof parseCliArgs> => parseCliArgs([...argv, '--profile', '/p'], {}, '/')

describe('dht and doctor on the command line', () => {
  it('keeps a plain dht as it was', () => {
    assert.equal(parse('dht').kind, 'dht')
  })

  it('parses each inspector view, with a target where one belongs', () => {
    assert.deepEqual(pick(parse('dht', 'table')), { kind: 'dht-inspect', view: 'table', target: undefined, op: undefined })
    assert.deepEqual(pick(parse('dht', 'trace', ROOT, '--op', 'provide')), { kind: 'dht-inspect', view: 'trace', target: ROOT, op: 'provide' })
    assert.deepEqual(pick(parse('dht', 'keyspace')), { kind: 'dht-inspect', view: 'keyspace', target: undefined, op: undefined })
    assert.deepEqual(pick(parse('dht', 'keyspace', ROOT)), { kind: 'dht-inspect', view: 'keyspace', target: ROOT, op: undefined })
    for (const view of ['lookups', 'records', 'metrics']) assert.equal(pick(parse('dht', view)).view, view)
    const json = parse('dht', 'lookups', '--json')
    assert.ok(json.kind === 'dht-inspect' && json.json)
  })

  it('parses doctor with its link', () => {
    const cmd = parse('doctor', ROOT)
    assert.ok(cmd.kind === 'doctor' && cmd.link === ROOT)
  })

  it('refuses mistakes with a message naming them', () => {
    assert.throws(() => parse('dht', 'trace'), usage(/dht trace needs a ROOT \(CID\) or a PEERID/))
    assert.throws(() => parse('dht', 'tables'), usage(/Unknown dht view "tables": use table, trace/))
    assert.throws(() => parse('dht', 'trace', ROOT, '--op', 'find'), usage(/--op must be find-providers, closest, provide \(got "find"\)/))
    assert.throws(() => parse('dht', 'table', ROOT), usage(/Unexpected argument .* for dht table/))
    assert.throws(() => parse('dht', 'table', '--op', 'closest'), usage(/--op only applies to dht trace/))
    assert.throws(() => parse('status', '--op', 'closest'), usage(/--op only applies to dht trace/))
    assert.throws(() => parse('doctor'), usage(/doctor needs a LINK/))
    assert.throws(() => parse('doctor', ROOT, 'extra'), usage(/Unexpected argument "extra" for doctor/))
  })
})

function pick (cmd: ReturnType<typeof parseCliArgs>): { kind: string, view?: string, target?: string, op?: string } {
  if (cmd.kind !== 'dht-inspect') return { kind: cmd.kind }
  return { kind: cmd.kind, view: cmd.view, target: cmd.target, op: cmd.op }
}

function usage (message: RegExp): (err: unknown) => boolean {
  return err => err instanceof UsageError && message.test(err.message)
}
