/**
 * The DHT inspector on a 12-instance lab, as a developer uses it: n0 shares
 * a file; `peershare dht trace ROOT --json` on n11 shows at least one hop, a
 * time on every answered request and the provider, and the JSON matches the
 * trace schema; a `provide` trace names the peers that took the record
 * (and the text output says so); n0's own announcements are in its lookup
 * log, exported as schema-valid JSON; the lab's ground truth scores a
 * lookup against the true closest instances; `peershare doctor ROOT` walks
 * its steps to a healthy verdict.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { ApiClient } from '../../electron/host/index.js'
import type { LookupTraceExport, LookupTraceView } from '../../shared/index.js'
import { cleanupAll, randomFile, runCli, tempDir, waitFor } from '../support/index.js'
import { traceSchemaErrors } from '../support/trace-schema.js'
import { startLab, type TestLab } from './support/lab-process.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

describe('DHT inspector on a 12-instance lab', { timeout: 300_000 }, () => {
  let lab: TestLab
  let n0: ApiClient
  let root: string
  const profile = (name: string): string => lab.description.instances.find(i => i.name === name)!.profile

  before(async () => {
    lab = await startLab({ size: 12, seed: 'dht-trace-12', startTimeoutMs: 180_000 })
    n0 = await lab.instance('n0')
    const file = await randomFile(await tempDir('trace-src'), 64 * 1024, 'traced.bin')
    // Public: traced by its root (a private share is announced under its locator).
    root = (await shareAndWait(n0, file.path, { public: true })).root
    await waitFor(async () => (await n0.dht({})).announced.some(a => a.root === root && a.lastAnnouncedAt != null), {
      what: 'n0 to announce the share', timeoutMs: 60_000, intervalMs: 250
    })
  })

  it('traces find-providers from n11: hops, a time on every answer, the provider, JSON matching the schema', async () => {
    const run = await runCli(['dht', 'trace', root, '--json', '--profile', profile('n11')], { timeoutMs: 90_000 })
    assert.equal(run.code, 0, run.stderr)
    const trace = JSON.parse(run.stdout) as LookupTraceView
    assert.deepEqual(traceSchemaErrors(trace), [], 'the trace matches docs/lookup-trace.schema.json')
    assert.equal(trace.op, 'find-providers')
    assert.equal(trace.target, root)
    assert.equal(trace.state, 'done')
    assert.ok(trace.summary.hops >= 1, `at least one hop: ${trace.summary.hops}`)
    assert.ok(trace.requests.length >= 1 && trace.requests.length === trace.summary.requests)
    const answered = trace.requests.filter(r => r.outcome !== 'error' && r.outcome !== 'no-answer')
    assert.ok(answered.length >= 1, 'some peer answered')
    for (const r of answered) assert.ok(r.ms != null && r.ms >= 0 && r.startedAt >= trace.startedAt, `a time from request to answer on ${r.peerId}: ${r.ms}`)
    for (const r of trace.requests) assert.ok(r.hop === 1 ? r.via == null : r.via != null, 'hop 1 comes from the own table, later hops name their referrer')
    const n0Id = lab.description.instances[0].peerId
    assert.ok(trace.summary.providers.includes(n0Id), `n0 is found as the provider: ${JSON.stringify(trace.summary)}`)
    assert.ok(trace.requests.some(r => r.providers.includes(n0Id)), 'a peer on the way named n0')
    assert.ok(trace.summary.firstProvider != null && trace.summary.firstProvider.ms >= 0)

    const text = await runCli(['dht', 'trace', root, '--profile', profile('n11')], { timeoutMs: 90_000 })
    assert.equal(text.code, 0, text.stderr)
    assert.match(text.stdout, /^find-providers bafk/m)
    assert.match(text.stdout, /HOP +PATH +PEER +VIA +CPL/, 'a waterfall with a header')
    assert.match(text.stdout, /█/, 'bars on the time axis')
  })

  it('traces provide from n3: the summary and the text name the peers that took the record', async () => {
    const run = await runCli(['dht', 'trace', root, '--op', 'provide', '--json', '--profile', profile('n3')], { timeoutMs: 90_000 })
    assert.equal(run.code, 0, run.stderr)
    const trace = JSON.parse(run.stdout) as LookupTraceView
    assert.deepEqual(traceSchemaErrors(trace), [])
    assert.equal(trace.op, 'provide')
    const names = new Map(lab.description.instances.map(i => [i.peerId, i.name]))
    assert.ok(trace.summary.stored.length >= 1, `someone took the record: ${JSON.stringify(trace.summary)}`)
    for (const p of trace.summary.stored) {
      assert.ok(names.has(p), `${p} is a lab instance`)
      assert.ok(trace.summary.closest.includes(p), 'the record went to one of the closest peers')
      assert.ok(trace.requests.some(r => r.peerId === p && r.message === 'ADD_PROVIDER' && r.outcome === 'stored'))
    }
    const text = await runCli(['dht', 'trace', root, '--op', 'provide', '--profile', profile('n3')], { timeoutMs: 90_000 })
    assert.equal(text.code, 0, text.stderr)
    assert.match(text.stdout, /Provider record taken by \d+ of the \d+ closest peers: 12D3KooW/)
    assert.match(text.stdout, /ADD_PROVIDER +\+\d+ +\d+ +took the record/)
  })

  it("keeps n0's own announcements in its lookup log, exported as schema-valid JSON", async () => {
    const run = await runCli(['dht', 'lookups', '--json', '--profile', profile('n0')], { timeoutMs: 30_000 })
    assert.equal(run.code, 0, run.stderr)
    const exported = JSON.parse(run.stdout) as LookupTraceExport
    assert.deepEqual(traceSchemaErrors(exported), [], 'the export matches docs/lookup-trace.schema.json')
    assert.equal(exported.peerId, lab.description.instances[0].peerId)
    const announce = exported.traces.find(t => t.cause === 'announce' && t.target === root)
    assert.ok(announce != null, `the announcement of the share is kept: ${exported.traces.map(t => `${t.cause}/${t.op}`).join(', ')}`)
    assert.equal(announce.op, 'provide')
    assert.ok(announce.summary.stored.length >= 1)
  })

  it("scores a lookup against the lab's ground truth: found N of the 5 closest", async () => {
    const truth = await lab.client.call('truth', { key: root, node: 'n7', op: 'closest' })
    assert.equal(truth.closest.length, 5)
    assert.ok(truth.closest.every(c => c.name !== 'n7'), 'the asker is not among its own answers')
    const distances = truth.closest.map(c => c.log2Distance)
    assert.deepEqual(distances, [...distances].sort((x, y) => x - y), 'closest first')
    assert.ok(truth.closest.every(c => c.inTables >= 1), 'every instance sits in some other table')
    assert.ok(truth.trace != null && truth.trace.op === 'closest')
    assert.ok(truth.score != null)
    assert.match(truth.score.text, /^found [0-5] of the 5 closest$/)
    assert.equal(truth.score.found, truth.closest.filter(c => c.found === true).length)
    // Every instance knows every other in a 12-node star, so a lookup reaches all the closest.
    assert.equal(truth.score.found, 5, JSON.stringify(truth.closest))
    await assert.rejects(lab.client.call('truth', { key: 'not-a-key' }), /neither a root CID nor a PeerId/)
  })

  it('doctor ROOT on n9 walks announced, providers, dial, chunks and one verified chunk to a healthy verdict', async () => {
    const run = await runCli(['doctor', root, '--profile', profile('n9')], { timeoutMs: 120_000 })
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`)
    assert.match(run.stdout, /\[ok {2}\] +\d+ ms {2}Is the root announced in the DHT\?/)
    assert.match(run.stdout, /Can 12D3KooW\w+ be dialed\? {2}Connected over loopback/)
    assert.match(run.stdout, /holds all of 1 chunks of "traced\.bin"/)
    assert.match(run.stdout, /Fetch and verify one chunk from 12D3KooW\w+ {2}Chunk 0 \(65536 bytes\) arrived and matches/)
    assert.match(run.stdout, /^Verdict: Healthy/m)
  })
})
