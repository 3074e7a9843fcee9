/**
 * A lab of in-process engines (`lab up N --in-process`): labelled as such,
 * every engine ready with its own API and UI, a share fetched by bare root,
 * stop and restart under the same PeerId; what needs processes of its own
 * (kill -9, partitions, latency) is refused with a message that says so.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { PeerShareApiError } from '../../shared/index.js'
import { MiB, cleanupAll, randomFile, sha256File, tempDir, waitFor } from '../support/index.js'
import { startLab, type TestLab } from './support/lab-process.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

describe('lab up --in-process', { timeout: 240_000 }, () => {
  let lab: TestLab

  before(async () => {
    lab = await startLab({ size: 4, seed: 'in-process', extraArgs: ['--in-process'] })
  })

  it('is labelled in-process, and every engine answers on its own API with its derived PeerId', async () => {
    const view = await lab.client.call('view', {})
    assert.equal(view.mode, 'in-process')
    assert.equal(lab.description.mode, 'in-process')
    assert.ok(view.instances.every(i => i.state === 'ready' && i.pid == null && i.ui != null), JSON.stringify(view.instances.map(i => [i.name, i.state])))
    for (const i of lab.description.instances) {
      const status = await (await lab.instance(i.name)).status({})
      assert.equal(status.peerId, i.peerId)
      assert.ok(status.dht.routingTableSize > 0)
    }
  })

  it('a share on n0 is fetched by n3 by its bare root', async () => {
    const file = await randomFile(await tempDir('ip-data'), 3 * MiB, 'ip.bin')
    const n0 = await lab.instance('n0')
    const n3 = await lab.instance('n3')
    const share = await shareAndWait(n0, file.path, { public: true })
    const started = await n3.download({ link: share.root, outDir: await tempDir('ip-out') })
    const done = await waitFor(async () => (await n3.transfers({})).find(t => t.id === started.id && t.state === 'done'), { what: 'n3 to finish', timeoutMs: 90_000 })
    assert.equal(await sha256File(done.path!), file.sha256)
  })

  it('stops and restarts an engine under the same PeerId', async () => {
    assert.equal((await lab.client.call('control', { node: 'n2', action: 'stop' })).state, 'down')
    await lab.client.call('control', { node: 'n2', action: 'restart' })
    const back = await waitFor(async () => (await lab.client.call('view', {})).instances.find(i => i.name === 'n2' && i.state === 'ready'), { what: 'n2 ready again', timeoutMs: 60_000 })
    assert.equal(back.peerId, lab.description.instances[2].peerId)
  })

  it('refuses kill -9, partitions and latency, saying why', async () => {
    await assert.rejects(lab.client.call('control', { node: 'n1', action: 'kill' }), (err: PeerShareApiError) => /Not in a lab of mode "in-process": kill -9\. Start a lab of real processes/.test(err.message))
    await assert.rejects(lab.client.call('control', { node: 'n1', action: 'partition' }), /Not in a lab of mode "in-process": partitions/)
    await assert.rejects(lab.client.call('set', { node: 'n1', change: { latencyMs: 50 } }), /Not in a lab of mode "in-process": latency and loss/)
    const capped = await lab.client.call('set', { node: 'n1', change: { uploadLimit: MiB } })
    assert.equal(capped.uploadLimit, MiB, 'caps still work: they are the engine\'s own settings')
  })

  it('lab down stops it and removes the folder', async () => {
    const result = await lab.down()
    assert.equal(result.code, 0, result.stderr)
    await waitFor(() => lab.proc.exitCode != null, { what: 'the lab process to exit', timeoutMs: 30_000 })
  })
})
