/**
 * A download in progress already serves the chunks it has; a finished
 * download becomes a share; shares survive a restart of their node.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { formatLink, parseLink } from '../../shared/index.js'
import {
  MiB, cleanupAll, getShare, getTransfer, randomFile, sha256File, startSwarm, tempDir, uniqueNetwork,
  waitFor, waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('an unfinished download serves its chunks, and finished downloads and shares persist', { timeout: 120_000 }, withLogsOnFailure(async () => {
  const network = uniqueNetwork()
  const [seeder, early, late, fresh] = await startSwarm(4, {
    network,
    node: i => [{ name: 'seeder', uploadLimit: 1 * MiB }, { name: 'early' }, { name: 'late' }, { name: 'fresh' }][i]
  })
  const original = await randomFile(await tempDir('original'), 10 * MiB, 'movie.bin')
  const share = await shareAndWait(seeder.client, original.path)

  // The early downloader gets part of the file from the slow seeder.
  const early1 = await early.client.download({ link: share.link, outDir: await tempDir('early-out') })
  await waitFor(async () => ((await getTransfer(early, early1.id))?.chunksDone ?? 0) >= 3, { what: 'the early download to have 3 chunks', timeoutMs: 30_000 })

  // The late downloader is pointed at the early one only.
  const earlyOnly = formatLink({ root: share.root, peers: early.addrs, secret: parseLink(share.link).secret })
  const late1 = await late.client.download({ link: earlyOnly, outDir: await tempDir('late-out') })
  const fromEarly = await waitFor(async () => {
    const view = await getTransfer(late, late1.id)
    return view?.peers.find(p => p.peerId === early.peerId && p.chunksReceived > 0)
  }, { what: 'the late download to receive chunks from the early one', timeoutMs: 30_000 })
  const earlyState = await getTransfer(early, early1.id)
  assert.notEqual(earlyState?.state, 'done', `the early download was still unfinished when it served ${fromEarly.chunksReceived} chunks`)
  // That is shown; lift the seeder's cap so the rest goes quickly.
  await seeder.client.updateSettings({ uploadLimit: 0 })

  const lateDone = await waitForTransfer(late, late1.id, { until: 'done', timeoutMs: 60_000 })
  assert.equal(await sha256File(lateDone.path!), original.sha256)

  // Finished downloads are shared from where they landed.
  const earlyDone = await waitForTransfer(early, early1.id, { until: 'done', timeoutMs: 60_000 })
  const earlyShare = await getShare(early, share.root)
  assert.equal(earlyShare?.path, earlyDone.path, 'the finished download is shared from its final path')
  assert.equal(earlyShare?.state, 'seeding')

  // A seeder restarted from its profile still shares, under the same PeerId.
  await seeder.stop()
  const again = await seeder.restart()
  assert.equal(again.peerId, seeder.peerId)
  await again.client.updateSettings({ uploadLimit: 0 })
  const kept = await getShare(again, share.root)
  assert.equal(kept?.path, original.path, 'the share survived the restart')
  await early.stop()
  await late.stop()
  const fresh1 = await fresh.client.download({ link: (await again.client.shares({}))[0].link, outDir: await tempDir('fresh-out') })
  const freshDone = await waitForTransfer(fresh, fresh1.id, { until: 'done', timeoutMs: 60_000 })
  assert.equal(await sha256File(freshDone.path!), original.sha256, 'the restarted seeder serves the same bytes')
  assert.deepEqual(freshDone.peers.filter(p => p.chunksReceived > 0).map(p => p.peerId), [again.peerId])
}))
