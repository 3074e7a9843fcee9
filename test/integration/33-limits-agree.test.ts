/**
 * The sharer refuses at once what a downloader would refuse, in the same
 * words: a share of more chunks than the limit (a sparse 8 TiB file at
 * 1 MiB chunks), and a name no downloader may write (a backslash). Each
 * refusal from `share` is compared with what a downloader says when a peer
 * offers it exactly such a share.
 */
import assert from 'node:assert/strict'
import { mkdir, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { ManifestRoot } from '../../electron/core/pb/manifest-message.js'
import { SHARE_LIMITS } from '../../shared/index.js'
import {
  cleanupAll, getTransfer, serveHostileManifest, serveRootBlock, startDaemon, summarize, tempDir, uniqueNetwork, waitFor, withLogsOnFailure,
  type Daemon
} from '../support/index.js'

after(cleanupAll)

const MiB = 2 ** 20

/** The error `share` answers with (it must answer at once, before hashing anything). */
async function sharerRefusal (daemon: Daemon, path: string): Promise<{ code: string, message: string, ms: number }> {
  const started = Date.now()
  try {
    const job = await daemon.client.share({ path })
    await daemon.client.cancelShareJob({ id: job.id })
    return { code: '(accepted)', message: JSON.stringify(job), ms: Date.now() - started }
  } catch (err) {
    const e = err as { code: string, message: string }
    return { code: e.code, message: e.message, ms: Date.now() - started }
  }
}

/** The error a download of `link` ends with. */
async function downloaderRefusal (daemon: Daemon, link: string): Promise<{ code: string, message: string }> {
  const started = await daemon.client.download({ link, outDir: await tempDir('refused') })
  const view = await waitFor(async () => {
    const v = await getTransfer(daemon, started.id)
    return v?.state === 'failed' ? v : undefined
  }, { what: 'the download to be refused', timeoutMs: 30_000, diagnose: async () => summarize(await getTransfer(daemon, started.id)) })
  return { code: view.error?.code ?? '', message: view.error?.message ?? '' }
}

test('the sharer refuses what a downloader would refuse, with the same words', { timeout: 120_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const sharer = await startDaemon({ name: 'sharer', network })
  const downloader = await startDaemon({ name: 'downloader', network })
  const data = await tempDir('limits')

  await t.test('more chunks than a share may have', async () => {
    const size = SHARE_LIMITS.maxChunks * MiB + 1
    const path = join(data, 'huge.img')
    await writeFile(path, '')
    await truncate(path, size)
    const shared = await sharerRefusal(sharer, path)
    t.diagnostic(`sharer (${shared.ms} ms): ${shared.code}: ${shared.message}`)
    const root = ManifestRoot.encode({ version: 2, name: 'huge.img', chunkSize: MiB, size: BigInt(size), fileCount: 1, chunkCount: BigInt(SHARE_LIMITS.maxChunks + 1), pages: new Uint8Array(32) })
    const peer = await serveRootBlock(root, 'huge.img')
    const downloaded = await downloaderRefusal(downloader, peer.link)
    t.diagnostic(`downloader: ${downloaded.code}: ${downloaded.message}`)
    assert.equal(shared.code, 'too-large')
    assert.equal(shared.message, downloaded.message)
    assert.equal(shared.code, downloaded.code)
    assert.ok(shared.ms < 5_000, `refused at once, not after hashing (${shared.ms} ms)`)
    assert.deepEqual(await sharer.client.shareJobs({}), [], 'no job was started')
  })

  await t.test('a name no downloader may write', async () => {
    const folder = join(data, 'docs')
    await mkdir(folder)
    await writeFile(join(folder, 'notes.txt'), 'fine\n')
    await writeFile(join(folder, 'a\\b.txt'), 'a backslash is a separator on Windows\n')
    const shared = await sharerRefusal(sharer, folder)
    t.diagnostic(`sharer: ${shared.code}: ${shared.message}`)
    const peer = await serveHostileManifest([{ name: 'docs', files: [{ path: 'docs/a\\b.txt', content: new TextEncoder().encode('x') }, { path: 'docs/notes.txt', content: new TextEncoder().encode('fine\n') }] }])
    const downloaded = await downloaderRefusal(downloader, peer.shares[0].link)
    t.diagnostic(`downloader: ${downloaded.code}: ${downloaded.message}`)
    assert.equal(shared.code, 'unsafe-path')
    assert.equal(shared.message, downloaded.message)
    assert.deepEqual(await sharer.client.shares({}), [])
  })
}))
