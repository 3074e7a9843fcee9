/**
 * The metrics endpoint of a real daemon: GET /api/metrics answers only with
 * the profile's secret (and only to its own Host and Origin), in Prometheus
 * text format that a Prometheus parser reads, with kad-dht's and libp2p's
 * own metrics: routing table size, outbound RPCs by message type after a
 * lookup, operation counts and times. `peershare dht metrics` prints the
 * same text.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { request } from 'node:http'
import { after, before, describe, it } from 'node:test'
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format'
import { profilePath } from '../../electron/core/index.js'
import { METRICS_PATH } from '../../shared/index.js'
import { cleanupAll, dialAddr, randomFile, runCli, startDaemon, tempDir, uniqueNetwork, waitFor, type Daemon } from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

/** A GET with the given headers: status, content type and body. */
async function get (url: string, headers: Record<string, string> = {}): Promise<{ status: number, type: string, body: string }> {
  return await new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers }, res => {
      let body = ''
      res.setEncoding('utf8').on('data', (s: string) => { body += s }).on('end', () => { resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }) })
    })
    req.on('error', reject)
    req.setTimeout(20_000, () => { req.destroy(new Error('no answer in 20 s')) })
    req.end()
  })
}

describe('metrics on the local API', { timeout: 120_000 }, () => {
  let a: Daemon
  let b: Daemon
  let secret: string

  before(async () => {
    const network = uniqueNetwork()
    a = await startDaemon({ name: 'metrics-a', network })
    b = await startDaemon({ name: 'metrics-b', network, bootstrap: [dialAddr(a)] })
    secret = (await readFile(profilePath(a.profileDir, 'secret'), 'utf8')).trim()
    await waitFor(async () => (await a.client.status({})).dht.routingTableSize > 0, { what: 'a to have b in its routing table', timeoutMs: 30_000 })
    const file = await randomFile(await tempDir('metrics-src'), 4096)
    const root = (await shareAndWait(b.client, file.path, { public: true })).root
    await a.client.dhtTrace({ target: root })
  })

  it('refuses a missing or wrong secret, another Host and a foreign Origin', async () => {
    const url = `${a.api}${METRICS_PATH}`
    assert.equal((await get(url)).status, 401, 'no secret')
    assert.equal((await get(url, { authorization: 'Bearer 00ff' })).status, 401, 'a wrong secret')
    assert.equal((await get(url, { authorization: `Bearer ${secret}`, host: 'example.com' })).status, 403, 'another Host')
    assert.equal((await get(url, { authorization: `Bearer ${secret}`, origin: 'http://example.com' })).status, 403, 'a foreign Origin')
  })

  it("answers with the secret in Prometheus text format: kad-dht's routing table, RPCs and operations", async () => {
    const res = await get(`${a.api}${METRICS_PATH}`, { authorization: `Bearer ${secret}` })
    assert.equal(res.status, 200, res.body)
    assert.match(res.type, /^text\/plain; version=0\.0\.4/)
    const families = parsePrometheusTextFormat(res.body)
    const family = (name: string): PrometheusFamily => {
      const f = families.find(x => x.name === name)
      assert.ok(f != null, `${name} is exposed; got ${families.map(x => x.name).join(', ')}`)
      return f
    }
    const size = Number(family('libp2p_kad_dht_routing_table_size').metrics[0]?.value)
    assert.ok(size >= 1, `the routing table size is b: ${size}`)
    const rpcs = family('libp2p_kad_dht_outbound_rpc_requests_total').metrics
    assert.ok(rpcs.some(m => Object.values(m.labels ?? {}).includes('GET_PROVIDERS') && Number(m.value) >= 1), `the traced lookup's GET_PROVIDERS requests are counted: ${JSON.stringify(rpcs)}`)
    assert.ok(families.some(f => f.name === 'libp2p_kad_dht_operations_total' || f.name === 'libp2p_kad_dht_operation_time_seconds'), 'operation counts or times are there')
    assert.ok(families.some(f => f.name.startsWith('libp2p_') && !f.name.startsWith('libp2p_kad_dht')), "libp2p's own metrics are there too")
  })

  it('prints the same metrics with `peershare dht metrics`', async () => {
    const run = await runCli(['dht', 'metrics', '--profile', a.profileDir], { timeoutMs: 30_000 })
    assert.equal(run.code, 0, run.stderr)
    assert.ok(parsePrometheusTextFormat(run.stdout).some(f => f.name === 'libp2p_kad_dht_routing_table_size'))
  })
})
