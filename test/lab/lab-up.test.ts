/**
 * `peershare lab up 6` as a tester runs it: six real daemons answer, each
 * with a non-empty routing table; a share on n0 reaches n5 by its bare root
 * byte for byte; kill -9 through the lab's API shows n0 down and a restart
 * brings it back under the same PeerId; a partitioned n1's download has no
 * reachable peer and resumes once healed; `lab down` leaves no process and
 * no folder behind.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { request } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { isProcessAlive, type ApiClient } from '../../electron/host/index.js'
import type { TransferView } from '../../shared/index.js'
import type { LabInstanceView } from '../../shared/lab.js'
import { MiB, cleanupAll, randomFile, sha256File, tempDir, waitFor } from '../support/index.js'
import { startLab, type TestLab } from './support/lab-process.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

describe('lab up 6', { timeout: 300_000 }, () => {
  let lab: TestLab
  const clients = new Map<string, ApiClient>()
  const api = (name: string): ApiClient => clients.get(name)!
  const instanceView = async (name: string): Promise<LabInstanceView> =>
    (await lab.client.call('view', {})).instances.find(i => i.name === name)!
  const transferOn = async (name: string, id: string): Promise<TransferView | undefined> =>
    (await api(name).transfers({})).find(t => t.id === id)

  before(async () => {
    lab = await startLab({ size: 6, seed: 'lab-up-6' })
    for (const i of lab.description.instances) clients.set(i.name, await lab.instance(i.name))
  })

  it('prints one JSON document naming every instance, and all six answer with a non-empty routing table', async () => {
    const d = lab.description
    assert.match(d.dashboard, /^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/, 'the dashboard address carries the secret in its fragment')
    assert.deepEqual(d.instances.map(i => i.name), ['n0', 'n1', 'n2', 'n3', 'n4', 'n5'])
    assert.ok(d.allReadyAt != null, 'lab up prints its JSON once every instance is ready')
    for (const i of d.instances) {
      assert.ok(i.profile.startsWith(d.folder), `${i.name}'s profile lies in the lab folder`)
      const status = await api(i.name).status({})
      assert.equal(status.peerId, i.peerId, `${i.name} runs under the PeerId the lab printed`)
      assert.equal(status.network, d.network)
      assert.ok(status.dht.routingTableSize > 0, `${i.name}'s routing table is not empty`)
      assert.ok(i.addrs.every(a => status.announceAddrs.includes(a)), `${i.name} announces the lab's proxy address ${i.addrs[0]}`)
    }
  })

  it("the lab's API wants its secret, its own Host and no foreign Origin", async () => {
    const { api } = lab.description
    const port = new URL(api).port
    const post = async (headers: Record<string, string>): Promise<number> => await new Promise((resolve, reject) => {
      const req = request(`${api}/lab/api/view`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, res => { res.resume(); resolve(res.statusCode ?? 0) })
      req.on('error', reject)
      req.end('{}')
    })
    const secret = new URL(lab.description.dashboard).hash.replace('#token=', '')
    assert.equal(await post({ authorization: `Bearer ${secret}` }), 200)
    assert.equal(await post({}), 401, 'no secret')
    assert.equal(await post({ authorization: 'Bearer nope' }), 401, 'a wrong secret')
    assert.equal(await post({ authorization: `Bearer ${secret}`, host: `evil.example:${port}` }), 403, 'another Host (DNS rebinding)')
    assert.equal(await post({ authorization: `Bearer ${secret}`, origin: 'http://evil.example' }), 403, 'a foreign Origin')
  })

  it('a share on n0 is fetched by n5 by its bare root, byte for byte', async () => {
    const data = await tempDir('lab-data')
    const file = await randomFile(data, 6 * MiB, 'first.bin')
    const share = await shareAndWait(api('n0'), file.path, { public: true })
    const out = await tempDir('lab-out')
    const started = await api('n5').download({ link: share.root, outDir: out })
    const done = await waitFor(async () => {
      const t = await transferOn('n5', started.id)
      return t?.state === 'done' ? t : undefined
    }, { what: 'n5 to finish the download', timeoutMs: 90_000, diagnose: async () => await transferOn('n5', started.id) })
    assert.equal(await sha256File(done.path!), file.sha256)
  })

  it('kill -9 of n0 through the lab shows it down; a restart brings it back under the same PeerId', async () => {
    const before = await instanceView('n0')
    assert.ok(before.pid != null && isProcessAlive(before.pid))
    const killed = await lab.client.call('control', { node: 'n0', action: 'kill' })
    assert.equal(killed.state, 'down')
    assert.equal(isProcessAlive(before.pid), false, 'the process is gone')
    const view = await lab.client.call('view', {})
    assert.equal(view.instances[0].state, 'down', 'the dashboard data shows n0 down')
    assert.ok(!view.edges.some(e => e.a === 'n0' || e.b === 'n0'), 'and no edge to it')

    await lab.client.call('control', { node: 'n0', action: 'restart' })
    const back = await waitFor(async () => {
      const v = await instanceView('n0')
      return v.state === 'ready' ? v : undefined
    }, { what: 'n0 to be ready again', timeoutMs: 60_000 })
    assert.equal(back.peerId, before.peerId)
    assert.notEqual(back.pid, before.pid, 'a new process')
    clients.get('n0')!.close()
    clients.set('n0', await lab.instance('n0'))
    assert.equal((await api('n0').status({})).peerId, before.peerId, 'the restarted daemon says the same PeerId')
  })

  it('partition n1: its download reports no reachable peers; heal: it resumes and completes', async () => {
    const data = await tempDir('lab-data-2')
    const file = await randomFile(data, 24 * MiB, 'second.bin')
    const share = await shareAndWait(api('n0'), file.path, { public: true })
    // Slow enough to be caught mid-way: n1 may fetch only 2 MiB/s.
    await lab.client.call('set', { node: 'n1', change: { downloadLimit: 2 * MiB } })
    const out = await tempDir('lab-out-2')
    const started = await api('n1').download({ link: share.root, outDir: out })
    await waitFor(async () => ((await transferOn('n1', started.id))?.bytesDone ?? 0) >= 2 * MiB, { what: 'n1 to fetch a few chunks', timeoutMs: 60_000 })

    const partitioned = await lab.client.call('control', { node: 'n1', action: 'partition' })
    assert.equal(partitioned.state, 'partitioned')
    const stuck = await waitFor(async () => {
      const t = await transferOn('n1', started.id)
      return t != null && t.state !== 'done' && t.peers.filter(p => !p.banned).length === 0 ? t : undefined
    }, { what: "n1's download to have no reachable peer", timeoutMs: 30_000, diagnose: async () => await transferOn('n1', started.id) })
    assert.equal((await api('n1').peers({})).length, 0, 'n1 has no connection at all')
    await new Promise(resolve => setTimeout(resolve, 3000))
    const later = await transferOn('n1', started.id)
    assert.ok(later != null && later.state !== 'done' && later.bytesDone <= stuck.bytesDone + MiB, 'nothing more arrives while partitioned')

    await lab.client.call('control', { node: 'n1', action: 'heal' })
    await lab.client.call('set', { node: 'n1', change: { downloadLimit: 0 } })
    const done = await waitFor(async () => {
      const t = await transferOn('n1', started.id)
      return t?.state === 'done' ? t : undefined
    }, { what: "n1's download to resume and finish", timeoutMs: 120_000, diagnose: async () => await transferOn('n1', started.id) })
    assert.equal(await sha256File(done.path!), file.sha256)
  })

  it('lab down stops every process and removes the folder', async () => {
    const view = await lab.client.call('view', {})
    const pids = view.instances.map(i => i.pid).filter((p): p is number => p != null)
    assert.equal(pids.length, 6)
    for (const c of clients.values()) c.close()
    const result = await lab.down()
    assert.equal(result.code, 0, result.stderr)
    await waitFor(() => lab.proc.exitCode != null || lab.proc.signalCode != null, { what: 'the supervisor to exit', timeoutMs: 10_000 })
    for (const pid of pids) assert.equal(isProcessAlive(pid), false, `instance process ${pid} is gone`)
    assert.equal(existsSync(view.folder), false, 'the lab folder is gone')
  })
})
