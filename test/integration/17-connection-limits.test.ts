/**
 * One hostile peer opens 300 connections (the node's whole limit) and sits
 * on them; ten raw TCP sockets a second from another address never start
 * the handshake. Neither may lock honest peers
 * out: an honest downloader connects and finishes while each attack runs.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import {
  MiB, cleanupAll, createRawNode, dialAddr, holdConnections, randomFile, sha256File, silentSockets, startDaemon,
  targetOf, tempDir, uniqueNetwork, waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('no single peer or address can take every connection slot', { timeout: 240_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const seeder = await startDaemon({ name: 'seeder', network })
  const original = await randomFile(await tempDir('data'), 4 * MiB, 'payload.bin')
  const share = await shareAndWait(seeder.client, original.path, { public: true })
  const target = targetOf(dialAddr(seeder))

  await t.test('a peer opening 300 idle connections', async () => {
    const hog = await createRawNode()
    const open = await holdConnections(hog, target, 300)
    t.diagnostic(`the hog holds ${open} connections`)
    const downloader = await startDaemon({ name: 'downloader-1', network, bootstrap: [dialAddr(seeder)] })
    const started = await downloader.client.download({ link: share.link, outDir: await tempDir('out-1') })
    const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 60_000 })
    assert.equal(await sha256File(done.path!), original.sha256)
    assert.ok(open <= 8, `one peer holds ${open} connections`)
    await hog.stop()
  })

  await t.test('ten silent sockets a second from another address', async () => {
    const [, , host, , port] = dialAddr(seeder).split('/')
    // 127.0.0.2 is this machine too, but another address than the honest peers' 127.0.0.1; one socket every 100 ms.
    const silent = silentSockets(host, Number(port), { count: 1, localAddress: '127.0.0.2', everyMs: 100 })
    try {
      await new Promise(resolve => setTimeout(resolve, 3_000))
      // Honest peers arriving one by one while it goes on are let in.
      const outcomes: string[] = []
      for (let i = 0; i < 5; i++) {
        const honest = await createRawNode()
        outcomes.push(await honest.dial(target, { signal: AbortSignal.timeout(5_000) }).then(() => 'connected', (err: Error) => `refused: ${err.name}`))
        await honest.stop()
        await new Promise(resolve => setTimeout(resolve, 1_000))
      }
      t.diagnostic(`honest peers: ${outcomes.join(', ')}; silent sockets opened meanwhile: ${silent.opened()}`)
      assert.deepEqual(outcomes.filter(o => o !== 'connected'), [], 'every honest peer got in')
      const downloader = await startDaemon({ name: 'downloader-2', network, bootstrap: [dialAddr(seeder)] })
      const started = await downloader.client.download({ link: share.link, outDir: await tempDir('out-2') })
      const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 60_000 })
      assert.equal(await sha256File(done.path!), original.sha256)
    } finally {
      silent.stop()
    }
  })
}))
