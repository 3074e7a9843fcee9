/**
 * The profile files of the headless host, and finding a profile's daemon
 * through them: the secret is created once and kept private, the daemon
 * file round-trips, and a daemon file left by a dead or silent daemon is
 * cleaned up instead of being trusted.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { findDaemon } from '../../electron/host/api-client.js'
import { ApiServer } from '../../electron/host/api-server.js'
import {
  daemonFilePath, loadOrCreateSecret, readDaemonInfo, readSecret, removeDaemonInfo, secretFilePath, writeDaemonInfo
} from '../../electron/host/profile-secret.js'
import { InvalidSecretFileError } from '../../electron/host/errors.js'
import type { DaemonInfo } from '../../shared/index.js'
import { FakeEngine } from './fake-engine.js'

describe('profile files', () => {
  let dir: string

  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'peershare-profile-')) })
  afterEach(async () => { await rm(dir, { recursive: true, force: true }) })

  it('creates a 32-byte hex secret readable only by its owner, and returns the same one afterwards', async () => {
    const profile = join(dir, 'new-profile')
    const secret = await loadOrCreateSecret(profile)
    assert.match(secret, /^[0-9a-f]{64}$/)
    if (process.platform !== 'win32') assert.equal((await stat(secretFilePath(profile))).mode & 0o777, 0o600)
    assert.equal(await loadOrCreateSecret(profile), secret)
    assert.equal(await readSecret(profile), secret)
  })

  it('agrees on one secret when several create it at once', async () => {
    const secrets = await Promise.all(Array.from({ length: 8 }, async () => await loadOrCreateSecret(dir)))
    assert.equal(new Set(secrets).size, 1)
  })

  it('refuses a damaged secret file with a message saying what to do', async () => {
    await writeFile(secretFilePath(dir), 'not a secret')
    await assert.rejects(loadOrCreateSecret(dir), InvalidSecretFileError)
  })

  it('writes, reads and removes the daemon file; removal by another pid leaves it', async () => {
    assert.equal(await readDaemonInfo(dir), null)
    const info: DaemonInfo = { pid: 4242, peerId: '12D3KooWx', addrs: ['/ip4/127.0.0.1/tcp/1/p2p/12D3KooWx'], api: 'http://127.0.0.1:5555' }
    await writeDaemonInfo(dir, info)
    assert.deepEqual(await readDaemonInfo(dir), info)
    assert.deepEqual(JSON.parse(await readFile(daemonFilePath(dir), 'utf8')), info)
    await removeDaemonInfo(dir, { pid: 1 })
    assert.deepEqual(await readDaemonInfo(dir), info)
    await removeDaemonInfo(dir, { pid: 4242 })
    assert.equal(await readDaemonInfo(dir), null)
    await removeDaemonInfo(dir)
  })

  it('ignores a daemon file that is not one, or that points the secret anywhere but loopback', async () => {
    await writeFile(daemonFilePath(dir), '{ half')
    assert.equal(await readDaemonInfo(dir), null)
    await writeFile(daemonFilePath(dir), JSON.stringify({ pid: process.pid, peerId: 'x', addrs: [], api: 'http://evil.example:80' }))
    assert.equal(await readDaemonInfo(dir), null)
  })
})

describe('findDaemon', () => {
  let dir: string

  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'peershare-find-')) })
  afterEach(async () => { await rm(dir, { recursive: true, force: true }) })

  it('finds nothing without a daemon file', async () => {
    assert.equal(await findDaemon(dir), null)
  })

  it('finds a live daemon whose API answers, with a working client', async () => {
    const secret = await loadOrCreateSecret(dir)
    const engine = new FakeEngine()
    const server = new ApiServer({ engine }, { secret })
    await server.start()
    try {
      const info: DaemonInfo = { pid: process.pid, peerId: engine.peerId, addrs: engine.listenAddrs(), api: server.url }
      await writeDaemonInfo(dir, info)
      const found = await findDaemon(dir)
      assert.ok(found != null)
      assert.deepEqual(found.info, info)
      assert.equal((await found.client.status({})).peerId, engine.peerId)
      found.client.close()
    } finally {
      await server.stop()
    }
  })

  it('removes the file of a daemon whose process is gone', async () => {
    await loadOrCreateSecret(dir)
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid
    await writeDaemonInfo(dir, { pid: dead, peerId: 'x', addrs: [], api: 'http://127.0.0.1:9' })
    assert.equal(await findDaemon(dir), null)
    assert.equal(await readDaemonInfo(dir), null)
  })

  it('gives up on a live process whose API does not answer, but keeps its file', async () => {
    await loadOrCreateSecret(dir)
    // A socket that accepts and never answers.
    const silent = createServer(() => {})
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve))
    const port = (silent.address() as { port: number }).port
    try {
      await writeDaemonInfo(dir, { pid: process.pid, peerId: 'x', addrs: [], api: `http://127.0.0.1:${port}` })
      const started = Date.now()
      assert.equal(await findDaemon(dir, { timeoutMs: 300 }), null)
      assert.ok(Date.now() - started < 2000)
      // The daemon may live in another network namespace: its file is not ours to delete.
      assert.equal((await readDaemonInfo(dir))?.pid, process.pid)
    } finally {
      silent.close()
    }
  })
})
