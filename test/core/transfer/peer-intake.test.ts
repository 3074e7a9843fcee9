/**
 * How a transfer finds its source peers: a failing source is logged and the
 * search goes on with the next one, a peer is asked only once, and a bad
 * manifest fails the transfer only when nobody sends a good one.
 */
import assert from 'node:assert/strict'
import { afterEach, describe, it } from 'node:test'
import { MANIFEST_ERROR_GRACE } from '../../../electron/core/defaults.js'
import { PROTOCOL_MANIFEST } from '../../../electron/core/protocol/constants.js'
import { captureLogs, type CapturedLogs } from './support/logs.js'
import { memoryShare, swarmPerTest, viewWhen } from './support/memory-swarm.js'

let logs: CapturedLogs | undefined

describe('peer intake', () => {
  const swarmOf = swarmPerTest()
  afterEach(() => {
    logs?.restore()
    logs = undefined
  })

  it('logs a source that fails and goes on with the next one', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(4)
    const peer = await swarm.addPeer(share)
    swarm.peerStoreFails = true
    swarm.connected = [peer.id]
    logs = captureLogs('peershare:discovery*')
    const t = swarm.transfer(share, [peer])
    t.start()
    const done = await viewWhen(t, 'done', v => v.state === 'done')
    const lines = logs.lines.join('')
    logs.restore()
    logs = undefined
    assert.match(lines, /peershare:discovery:error .*asking link peers failed.*the peer store is closed/)
    assert.deepEqual(done.peers.map(p => p.foundVia), ['connected'], 'the connected peer served the download')
  })

  it('asks a peer found through several sources once', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(4)
    const peer = await swarm.addPeer(share)
    swarm.connected = [peer.id]
    swarm.providers = [peer.id]
    const t = swarm.transfer(share, [peer])
    t.start()
    const done = await viewWhen(t, 'done', v => v.state === 'done')
    assert.equal(done.peers.length, 1)
    assert.equal(swarm.dials.filter(d => d.endsWith(PROTOCOL_MANIFEST)).length, 1, 'one manifest request')
  })

  it('fails with the manifest error when the only holder sends a bad manifest', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(4)
    const other = await memoryShare(4)
    // Serves another share's manifest under this root: it does not hash to the root.
    const liar = await swarm.addPeer(other, { claims: share.root })
    const t = swarm.transfer(share, [liar])
    const started = Date.now()
    t.start()
    const failed = await viewWhen(t, 'failed', v => v.state === 'failed')
    assert.equal(failed.error?.code, 'manifest-invalid')
    assert.ok(Date.now() - started >= MANIFEST_ERROR_GRACE, 'a good manifest was given time to arrive')
  })

  it('takes a good manifest from another peer when one peer sends a bad one', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(4)
    const liar = await swarm.addPeer(await memoryShare(4), { claims: share.root })
    const honest = await swarm.addPeer(share)
    const t = swarm.transfer(share, [liar, honest])
    t.start()
    const done = await viewWhen(t, 'done', v => v.state === 'done')
    assert.deepEqual(done.peers.map(p => p.peerId), [honest.key])
  })
})
