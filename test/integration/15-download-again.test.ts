/**
 * Asking for a share again, as a person does: a finished download whose
 * file was deleted says so, and downloading the link again fetches it
 * again (into the folder asked for, with `peershare get --out` too, which
 * exits 0 only with the file at the path it prints); a partly picked
 * folder asked for again with one more file fetches that file into the
 * same folder and keeps the ones already there.
 */
import assert from 'node:assert/strict'
import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, test } from 'node:test'
import {
  MiB, cleanupAll, getTransfer, listTree, randomFile, runCli, sha256File, startSwarm, tempDir, uniqueNetwork, waitFor,
  waitForTransfer, withLogsOnFailure
} from '../support/index.js'

after(cleanupAll)

test('a finished download whose file is gone says so, and is fetched again where asked', { timeout: 150_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const [seeder, downloader] = await startSwarm(2, { network, node: i => ({ name: ['seeder', 'downloader'][i] }) })
  const original = await randomFile(await tempDir('again-src'), 3 * MiB + 7, 'big.bin')
  const share = await seeder.client.share({ path: original.path })

  const out = await tempDir('again-out')
  const first = await downloader.client.download({ link: share.link, outDir: out })
  const done = await waitForTransfer(downloader, first.id, { until: 'done' })
  assert.equal(done.path, join(out, 'big.bin'))
  assert.equal(done.missingFiles, undefined, 'the file is there')

  // The person deletes the file: the finished download says it is gone.
  await rm(done.path)
  const gone = await waitFor(async () => (await getTransfer(downloader, first.id))?.missingFiles, { what: 'the transfer to say its file is missing', timeoutMs: 15_000 })
  assert.deepEqual(gone, [join(out, 'big.bin')])

  // Download again (the link as before): the file is fetched again, to the same place.
  const again = await downloader.client.download({ link: share.link })
  assert.notEqual(again.state, 'done', `the download runs again: ${again.state}`)
  const redone = await waitForTransfer(downloader, first.id, { until: 'done' })
  assert.equal(redone.path, join(out, 'big.bin'))
  assert.equal(redone.missingFiles, undefined)
  assert.equal(await sha256File(redone.path), original.sha256, 'the bytes are back')

  // `get --out NEWDIR` through the daemon: fetched into the new folder, which is created, and its path printed.
  const newDir = join(await tempDir('again-new'), 'not-yet-there')
  const cli = await runCli(['get', share.link, '--profile', downloader.profileDir, '--out', newDir], { timeoutMs: 60_000 })
  t.diagnostic(`get --out: exit ${cli.code}; stdout ${cli.stdout.trim()}; stderr ${cli.stderr.trim().slice(-300)}`)
  assert.equal(cli.code, 0, cli.stderr)
  assert.equal(cli.stdout, `${join(newDir, 'big.bin')}\n`, 'the printed path is in the folder asked for')
  assert.equal(await sha256File(join(newDir, 'big.bin')), original.sha256)
  assert.match(cli.stderr, /Downloaded "big\.bin": 3\.0 MiB, in .*, .* on average, from 1 peer\./, 'a one-line summary')

  // Deleted there too: `get` fetches it again rather than printing a path where nothing is.
  await rm(join(newDir, 'big.bin'))
  const refetched = await runCli(['get', share.link, '--profile', downloader.profileDir, '--out', newDir, '--json'], { timeoutMs: 60_000 })
  assert.equal(refetched.code, 0, refetched.stderr)
  assert.equal(JSON.parse(refetched.stdout).path, join(newDir, 'big.bin'))
  assert.equal((await stat(join(newDir, 'big.bin'))).size, original.size)
}))

test('a partly picked folder asked for again with one more file fetches it and keeps the others', { timeout: 120_000 }, withLogsOnFailure(async () => {
  const network = uniqueNetwork()
  const [seeder, picker] = await startSwarm(2, { network, node: i => ({ name: ['seeder', 'picker'][i] }) })
  const album = join(await tempDir('album-src'), 'myfolder')
  await mkdir(album)
  const files = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(async n => await randomFile(album, MiB + 3, `${n}.bin`)))
  const share = await seeder.client.share({ path: album })
  const out = await tempDir('picked-out')

  const three = ['myfolder/a.bin', 'myfolder/b.bin', 'myfolder/c.bin']
  const first = await picker.client.download({ link: share.link, outDir: out, files: three })
  await waitForTransfer(picker, first.id, { until: 'done' })
  assert.deepEqual(await listTree(out), ['myfolder/', 'myfolder/a.bin', 'myfolder/b.bin', 'myfolder/c.bin'])
  // A mark on a kept file shows it is not fetched (or replaced) again.
  const kept = join(out, 'myfolder', 'a.bin')
  const before = await stat(kept)

  // Looked up again, every file is ticked but the fifth: the fourth is new.
  await picker.client.download({ link: share.link, files: [...three, 'myfolder/d.bin'] })
  const done = await waitForTransfer(picker, first.id, { until: 'done' })
  assert.deepEqual(done.selectedFiles, [...three, 'myfolder/d.bin'])
  assert.deepEqual(await listTree(out), ['myfolder/', 'myfolder/a.bin', 'myfolder/b.bin', 'myfolder/c.bin', 'myfolder/d.bin'], 'the new file joins the same folder')
  assert.equal(await sha256File(join(out, 'myfolder', 'd.bin')), files[3].sha256)
  for (const [i, n] of ['a', 'b', 'c'].entries()) assert.equal(await sha256File(join(out, 'myfolder', `${n}.bin`)), files[i].sha256)
  assert.equal((await stat(kept)).ino, before.ino, 'a file fetched before is kept as it was')
  assert.equal(done.chunksFetched, 2, 'only the new file\'s chunks were fetched')
  assert.equal(done.size, 4 * (MiB + 3), 'the download counts all four picks')

  // Asking for the same picks again changes nothing.
  await writeFile(join(out, 'note.txt'), 'mine')
  const same = await picker.client.download({ link: share.link, files: three })
  assert.equal(same.state, 'done')
  assert.deepEqual(await listTree(out), ['myfolder/', 'myfolder/a.bin', 'myfolder/b.bin', 'myfolder/c.bin', 'myfolder/d.bin', 'note.txt'])
}))
