/**
 * runDaemon with the real engine on loopback: it registers itself in the
 * profile so findDaemon reaches it, refuses a second daemon for the same
 * profile, and leaves no daemon file behind once stopped.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { findDaemon } from '../../electron/host/api-client.js'
import { runDaemon } from '../../electron/host/daemon.js'
import { DaemonAlreadyRunningError } from '../../electron/host/errors.js'
import { readDaemonInfo } from '../../electron/host/profile-secret.js'
import type { EngineInit } from '../../electron/core/index.js'

describe('runDaemon', () => {
  let dir: string
  let init: EngineInit

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'peershare-daemon-'))
    init = { profileDir: dir, listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, network: `host-test-${process.pid}` }
  })

  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('serves the API, is found through the profile, refuses a twin, and cleans up on stop', async () => {
    const daemon = await runDaemon({ engine: init, handleSignals: false })
    try {
      assert.equal(daemon.info.pid, process.pid)
      assert.match(daemon.info.api, /^http:\/\/127\.0\.0\.1:\d+$/)
      assert.ok(daemon.info.addrs.length > 0)
      assert.ok(daemon.info.addrs.every(a => a.endsWith(`/p2p/${daemon.info.peerId}`)))
      assert.deepEqual(await readDaemonInfo(dir), daemon.info)

      const found = await findDaemon(dir)
      assert.ok(found != null)
      assert.equal((await found.client.status({})).peerId, daemon.info.peerId)
      found.client.close()

      await assert.rejects(runDaemon({ engine: init, handleSignals: false }), DaemonAlreadyRunningError)
    } finally {
      await daemon.stop()
    }
    await daemon.stopped
    assert.equal(await readDaemonInfo(dir), null)
    assert.equal(await findDaemon(dir), null)
    await daemon.stop()
  })

  it('stops when its abort signal fires', async () => {
    const controller = new AbortController()
    const daemon = await runDaemon({ engine: init, handleSignals: false, signal: controller.signal })
    controller.abort()
    await daemon.stopped
    assert.equal(await readDaemonInfo(dir), null)
  })
})
