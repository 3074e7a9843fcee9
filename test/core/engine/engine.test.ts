/**
 * The engine's lifecycle and its announcements, as a host sees them through
 * the contract: commands are refused while it is not running; a start that
 * fails part-way leaves nothing behind; a root it stops serving (unshared,
 * or a download cancelled) is no longer announced. Engines run in this
 * process on loopback, on a private DHT.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { after, describe, it } from 'node:test'
import { API_COMMANDS, type ApiCommandName, type PeerShareApi } from '../../../shared/index.js'
import { createEngine, profilePath, type Engine, type EngineInit } from '../../../electron/core/index.js'
import { cleanupAll, MiB, randomFile, registerCleanup, tempDir, waitFor } from '../../support/index.js'
import { shareAndWait } from '../../../shared/index.js'

after(cleanupAll)

async function engineInit (network: string, extra: Partial<EngineInit> = {}): Promise<EngineInit> {
  return { profileDir: await tempDir('engine-profile'), listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, network, downloadDir: await tempDir('engine-downloads'), ...extra }
}

async function started (init: EngineInit): Promise<Engine> {
  const engine = createEngine(init)
  await engine.start()
  registerCleanup('stop engine', async () => { await engine.stop() }, 'processes')
  return engine
}

/** Calls a command with an empty request, as a careless client might. */
async function call (api: PeerShareApi, name: ApiCommandName): Promise<unknown> {
  return await (api[name] as (req: unknown) => Promise<unknown>)({})
}

/** Whether `engine` lists `root` among its announcements, and whether it holds a provider record of itself for it. */
async function announcing (engine: Engine, root: string): Promise<{ listed: boolean, announced: boolean, ownRecord: boolean }> {
  const dht = await engine.api.dht({})
  const a = dht.announced.find(x => x.root === root)
  return { listed: a != null, announced: a?.lastAnnouncedAt != null, ownRecord: dht.providerRecords.some(r => r.root === root && r.provider === engine.peerId) }
}

describe('engine', () => {
  it('refuses every command but inspectLink while not running, before start and after stop', { timeout: 30_000 }, async () => {
    const engine = createEngine(await engineInit(`test-${randomUUID()}`))
    const refusedAll = async (): Promise<void> => {
      for (const name of API_COMMANDS.filter(n => n !== 'inspectLink')) {
        await assert.rejects(call(engine.api, name), { code: 'bad-request', message: 'PeerShare is not running.' }, name)
      }
    }
    await refusedAll()
    const root = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'
    assert.equal((await engine.api.inspectLink({ link: root })).root, root, 'a link can be checked without a running node')
    await engine.start()
    try {
      assert.equal((await engine.api.status({})).peerId, engine.peerId)
    } finally {
      await engine.stop()
    }
    await refusedAll()
    assert.equal(engine.peerId, '')
    await engine.stop()
  })

  it('undoes a start that fails part-way, leaving the profile free for the next one', { timeout: 30_000 }, async () => {
    const init = await engineInit(`test-${randomUUID()}`)
    // The peer key is read after the store and the library are open.
    const key = profilePath(init.profileDir, 'key')
    await writeFile(key, 'not a key')
    const broken = createEngine(init)
    await assert.rejects(broken.start(), /peer key .* is unreadable/)
    assert.equal(broken.peerId, '')
    await assert.rejects(broken.api.status({}), { code: 'bad-request' })
    await rm(key)
    const engine = await started(init)
    assert.notEqual(engine.peerId, '', 'the store the failed start opened was closed again')
  })

  it('stops announcing a download it no longer serves: unshared after it finished, or cancelled before', { timeout: 90_000 }, async () => {
    const network = `test-${randomUUID()}`
    const sharer = await started(await engineInit(network))
    const downloader = await started(await engineInit(network, { bootstrap: sharer.listenAddrs() }))
    await waitFor(async () => (await downloader.api.dht({})).routingTableSize > 0 && (await sharer.api.dht({})).routingTableSize > 0, {
      what: 'the two engines to be in each other\'s routing table', timeoutMs: 20_000
    })
    const data = await tempDir('engine-data')
    // Public shares: announced by their roots. (A private one is announced under its locator instead: test/integration/24-private-shares.)
    const done = await shareAndWait(sharer.api, (await randomFile(data, 2 * MiB, 'finished.bin')).path, { public: true })
    const partial = await shareAndWait(sharer.api, (await randomFile(data, 4 * MiB, 'cancelled.bin')).path, { public: true })

    // A finished download is seeded on and announced; unsharing it ends that.
    await downloader.api.download({ link: done.link })
    await waitFor(async () => (await downloader.api.transfers({})).find(t => t.root === done.root)?.state === 'done', { what: 'the first download to finish', timeoutMs: 30_000 })
    await waitFor(async () => (await announcing(downloader, done.root)).announced, { what: 'the finished download to be announced', timeoutMs: 30_000 })
    assert.ok((await announcing(downloader, done.root)).ownRecord)
    await downloader.api.unshare({ root: done.root })
    assert.deepEqual(await announcing(downloader, done.root), { listed: false, announced: false, ownRecord: false })

    // A cancelled download no longer serves its verified chunks, so it is not announced either.
    await sharer.api.updateSettings({ uploadLimit: 256 * 1024 })
    await downloader.api.download({ link: partial.link })
    await waitFor(async () => (await announcing(downloader, partial.root)).listed, { what: 'the download in progress to be announced', timeoutMs: 30_000 })
    await downloader.api.cancel({ id: partial.root })
    assert.equal((await announcing(downloader, partial.root)).listed, false)
    await waitFor(async () => !(await announcing(downloader, partial.root)).ownRecord, { what: 'the cancelled download\'s own provider record to be withdrawn', timeoutMs: 10_000 })
    await sharer.api.updateSettings({ uploadLimit: 0 })
  })
})
