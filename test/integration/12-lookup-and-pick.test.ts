/**
 * Looking a share up before downloading it, and fetching only some of its
 * files: a person sees the names and sizes first, ticks what they want, and
 * only those files (and only their chunks) arrive.
 */
import assert from 'node:assert/strict'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { formatLink, parseLink } from '../../shared/index.js'
import {
  MiB, cleanupAll, dialAddr, getShare, listTree, randomFile, runCli, sha256File, startSwarm, tempDir, uniqueNetwork,
  waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('lookup lists the files; a download of picked files fetches only their chunks', { timeout: 120_000 }, withLogsOnFailure(async () => {
  const network = uniqueNetwork()
  const [seeder, picker, typo] = await startSwarm(3, { network, node: i => ({ name: ['seeder', 'picker', 'typo'][i] }) })

  const base = await tempDir('album')
  const album = join(base, 'album')
  await mkdir(join(album, 'disc2'), { recursive: true })
  const track1 = await randomFile(album, 3 * MiB + 17, 'track1.flac')
  await randomFile(album, 5 * MiB, 'track2.flac')
  const bonus = await randomFile(join(album, 'disc2'), 2 * MiB + 5, 'bonus.flac')
  await writeFile(join(album, 'notes.txt'), 'liner notes\n')
  const share = await shareAndWait(seeder.client, album)

  // The listing comes from the network, with nothing written anywhere.
  const info = await picker.client.lookup({ link: share.link })
  assert.equal(info.root, share.root)
  assert.equal(info.name, 'album')
  assert.deepEqual(info.files.map(f => [f.path, f.size]).sort(), [
    ['album/disc2/bonus.flac', 2 * MiB + 5],
    ['album/notes.txt', 12],
    ['album/track1.flac', 3 * MiB + 17],
    ['album/track2.flac', 5 * MiB]
  ])
  assert.equal(info.chunkCount, share.chunkCount)
  assert.ok(info.providers >= 1)

  // Pick one file and a folder.
  const out = await tempDir('picked-out')
  const started = await picker.client.download({ link: share.link, outDir: out, files: ['album/track1.flac', 'album/disc2'] })
  assert.deepEqual(started.selectedFiles, ['album/track1.flac', 'album/disc2'])
  const done = await waitForTransfer(picker, started.id, { until: 'done', timeoutMs: 60_000 })
  assert.equal(done.size, track1.size + bonus.size, 'the transfer counts only the picked bytes')
  assert.equal(done.chunkCount, 4 + 3)
  assert.equal(done.chunksFetched, 7, 'only the picked files\' chunks were fetched')

  assert.deepEqual(await listTree(out), ['album/', 'album/disc2/', 'album/disc2/bonus.flac', 'album/track1.flac'])
  assert.equal(await sha256File(join(out, 'album', 'track1.flac')), track1.sha256)
  assert.equal(await sha256File(join(out, 'album', 'disc2', 'bonus.flac')), bonus.sha256)
  assert.equal(await getShare(picker, share.root), undefined, 'part of a share is not seeded as the whole share')

  // The CLI picks the same way: `get --file`.
  const cliOut = await tempDir('cli-out')
  const cli = await runCli([
    'get', share.link, '--profile', await tempDir('cli-profile'), '--out', cliOut, '--file', 'album/notes.txt', '--json',
    '--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns', '--network', network, '--bootstrap', dialAddr(seeder)
  ], { timeoutMs: 60_000 })
  assert.equal(cli.code, 0, `get --file exits 0: ${cli.stderr.slice(-2000)}`)
  assert.deepEqual(await listTree(cliOut), ['album/', 'album/notes.txt'])
  assert.equal(await readFile(join(cliOut, 'album', 'notes.txt'), 'utf8'), 'liner notes\n')

  // A pick the share does not list fails with a message naming it.
  const bare = formatLink({ root: share.root, peers: seeder.addrs, secret: parseLink(share.link).secret })
  const wrong = await typo.client.download({ link: bare, outDir: await tempDir('typo-out'), files: ['album/track9.flac'] })
  const failed = await waitForTransfer(typo, wrong.id, { until: 'failed', timeoutMs: 30_000 })
  assert.match(failed.error?.message ?? '', /no file or folder "album\/track9\.flac"/)
}))

test('lookup of a link nobody serves says so', { timeout: 60_000 }, withLogsOnFailure(async () => {
  // Connected to a peer that does not have it (a node with no connections is told so instead: 18-no-connections).
  const [asker] = await startSwarm(2, { network: uniqueNetwork(), node: i => ({ name: ['asker', 'other'][i] }) })
  const link = formatLink({ root: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', peers: [] })
  await assert.rejects(asker.client.lookup({ link }), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'no-providers')
    assert.match(err.message, /No peer serving/)
    return true
  })
}))
