/**
 * A hostile peer serves manifests that hash to the root in the link but ask
 * for paths outside the download folder (`..`, absolute) or claim absurd
 * sizes. The downloader must refuse each with a clear error code and write
 * nothing outside its out dir (and nothing visible inside it).
 */
import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { after, test } from 'node:test'
import type { TransferView } from '../../shared/views.js'
import {
  cleanupAll, getTransfer, listTree, serveHostileManifest, startDaemon, summarize, tempDir, uniqueNetwork,
  waitFor, withLogsOnFailure, type Daemon, type HostileManifestSpec
} from '../support/index.js'

after(cleanupAll)

const REFUSAL_CODES = ['manifest-invalid', 'unsafe-path', 'too-large']
const payload = new TextEncoder().encode('written by a hostile peer\n')

/** Starts the download; returns the error code it ends with, whether the call itself throws or the transfer fails. */
async function refusalCode (downloader: Daemon, link: string, outDir: string): Promise<{ code: string, message: string, view?: TransferView }> {
  let started: TransferView
  try {
    started = await downloader.client.download({ link, outDir })
  } catch (err) {
    const e = err as { code?: string, message: string }
    return { code: e.code ?? '(no code)', message: e.message }
  }
  const view = await waitFor(async () => {
    const v = await getTransfer(downloader, started.id)
    return v != null && (v.state === 'failed' || v.state === 'done') ? v : undefined
  }, {
    what: `the download of ${started.root} to be refused`,
    timeoutMs: 20_000,
    diagnose: async () => summarize(await getTransfer(downloader, started.id))
  })
  return { code: view.error?.code ?? `(state ${view.state}, no error)`, message: view.error?.message ?? '', view }
}

test('hostile manifests are refused and nothing escapes the out dir', { timeout: 90_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const base = await tempDir('hostile')
  const parent = join(base, 'parent')
  const out = join(parent, 'out')
  await mkdir(out, { recursive: true })

  const cases: Array<{ title: string, spec: HostileManifestSpec }> = [
    { title: '".." inside a file path', spec: { name: 'evil', files: [{ path: 'evil/../../escaped-dotdot.txt', content: payload }] } },
    { title: '".." as the share name', spec: { name: '..', files: [{ path: '../escaped-name.txt', content: payload }] } },
    { title: 'an absolute file path', spec: { name: 'abs', files: [{ path: join(parent, 'escaped-absolute.txt'), content: payload }] } },
    { title: 'an absurd file size', spec: { name: 'huge.bin', files: [{ path: 'huge.bin', size: 2n ** 62n, content: payload }] } },
    { title: 'an absurd chunk size', spec: { name: 'wide.bin', chunkSize: 2 ** 31, files: [{ path: 'wide.bin', content: payload }] } },
    { title: 'a path listed both as a file and as a folder', spec: { name: 'both', files: [{ path: 'both/a', content: payload }, { path: 'both/a/b', content: payload }] } }
  ]
  const hostile = await serveHostileManifest(cases.map(c => c.spec))
  const downloader = await startDaemon({ name: 'downloader', network })

  const outside = (rel: string): boolean => rel.startsWith('parent/out/')
  const before = await listTree(base, { skip: outside })

  for (const [i, c] of cases.entries()) {
    await t.test(c.title, async (t) => {
      const share = hostile.shares[i]
      const requestsBefore = hostile.manifestRequests
      const result = await refusalCode(downloader, share.link, out)
      t.diagnostic(`${result.view == null ? 'download() threw' : `transfer ${result.view.state}`}: ${result.code}: ${result.message}`)
      assert.ok(REFUSAL_CODES.includes(result.code),
        `expected one of ${REFUSAL_CODES.join(', ')}, got "${result.code}": ${result.message} ${result.view != null ? JSON.stringify(summarize(result.view)) : ''}`)
      assert.ok(result.message.length > 10, `the error says what happened: "${result.message}"`)
      assert.ok(hostile.manifestRequests > requestsBefore || result.view == null,
        'the downloader actually fetched the hostile manifest')
      assert.deepEqual(await listTree(base, { skip: outside }), before, 'nothing was written outside the out dir')
      const visible = (await listTree(out)).filter(rel => !rel.split('/').some(seg => seg.startsWith('.')))
      assert.deepEqual(visible, [], 'nothing visible was written inside the out dir')
      assert.doesNotMatch(result.message, /check permissions/i, 'the message names the manifest, not the disk')
      const partial = (await listTree(out)).filter(rel => rel.includes(share.root))
      assert.deepEqual(partial, [], 'no partial folder is left behind for a refused share')
    })
  }
  assert.equal(hostile.chunkRequests, 0, 'no chunk of a refused share was ever requested')
}))
