/**
 * A peer serving a share whose root is honest but one block of its manifest
 * is not: a listing page swapped for another, or a piece of chunk hashes
 * swapped for the hashes of altered data (which it then serves as chunks).
 * The downloader checks every block against the digest its parent names:
 * a swapped page is refused with the manifest, a swapped piece gets the peer
 * banned as a bad chunk does, and no altered byte is ever asked for or written.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import {
  cleanupAll, getTransfer, listTree, serveHostileBlocks, startDaemon, summarize, tempDir, uniqueNetwork, waitFor, withLogsOnFailure
} from '../support/index.js'

after(cleanupAll)

test('a swapped listing page or chunk-hash piece is refused and its peer banned', { timeout: 120_000 }, withLogsOnFailure(async (t) => {
  const downloader = await startDaemon({ name: 'downloader', network: uniqueNetwork() })

  await t.test('a page that does not match the root', async () => {
    const hostile = await serveHostileBlocks('page')
    const out = await tempDir('hostile-page')
    const started = await downloader.client.download({ link: hostile.link, outDir: out })
    const view = await waitFor(async () => {
      const v = await getTransfer(downloader, started.id)
      return v?.state === 'failed' ? v : undefined
    }, { what: 'the download to be refused', timeoutMs: 30_000, diagnose: async () => summarize(await getTransfer(downloader, started.id)) })
    assert.equal(view.error?.code, 'manifest-invalid')
    assert.match(view.error?.message ?? '', /page 1 of the listing from .* does not match/)
    assert.ok(hostile.requests.block >= 1, 'the page was asked for')
    assert.equal(hostile.requests.chunk, 0, 'no chunk of a refused share was asked for')
    assert.deepEqual((await listTree(out)).filter(p => !p.startsWith('.')), [], 'nothing visible was written')
  })

  await t.test('a piece of chunk hashes that does not match its listing entry', async () => {
    const hostile = await serveHostileBlocks('piece')
    const out = await tempDir('hostile-piece')
    const started = await downloader.client.download({ link: hostile.link, outDir: out })
    const view = await waitFor(async () => {
      const v = await getTransfer(downloader, started.id)
      return v?.bannedPeers.includes(hostile.peerId) === true ? v : undefined
    }, { what: 'the peer to be banned', timeoutMs: 30_000, diagnose: async () => summarize(await getTransfer(downloader, started.id)) })
    assert.equal(view.chunksDone, 0)
    assert.ok(view.badChunks >= 2, `counted as bad chunks are (${view.badChunks})`)
    assert.equal(hostile.requests.chunk, 0, 'no chunk was asked for before its hash was checked')
    assert.deepEqual((await listTree(out)).filter(p => !p.startsWith('.')), [], 'nothing visible was written')
    await downloader.client.cancel({ id: started.id })
  })
}))
