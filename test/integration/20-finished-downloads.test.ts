/**
 * What a person does with finished downloads and their own files, through
 * the API of real daemons (issue 12, items 11 and 12): a finished download
 * says how long it worked, is shown in the file manager of the node's
 * machine by the host, and can be taken off the list while its file stays
 * (and stays shared, also after a restart); an unfinished one cannot be
 * "forgotten". Paths typed for sharing expand `~` and refuse relative
 * ones; the node's chooser lists the home folder; announcements name their
 * share.
 */
import assert from 'node:assert/strict'
import { access, mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { after, test } from 'node:test'
import { PeerShareApiError } from '../../shared/index.js'
import {
  MiB, cleanupAll, dialAddr, openerStandIn, randomFile, sha256File, startDaemon, tempDir, uniqueNetwork, waitFor, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

const network = uniqueNetwork()

async function refusal (call: Promise<unknown>): Promise<PeerShareApiError> {
  try {
    await call
  } catch (err) {
    assert.ok(err instanceof PeerShareApiError, String(err))
    return err
  }
  assert.fail('the call was expected to be refused')
}

test('a finished download: its time, shown in its folder, taken off the list with its file kept', { timeout: 120_000 }, withLogsOnFailure(async () => {
  const seeder = await startDaemon({ name: 'seeder', network })
  const opener = await openerStandIn()
  const downloads = await tempDir('finished-dl')
  const fetcher = await startDaemon({ name: 'fetcher', network, bootstrap: [dialAddr(seeder)], env: opener.env, extraArgs: ['--download-dir', downloads] })
  const original = await randomFile(await tempDir('finished-src'), 3 * MiB, 'report.pdf')
  const share = await shareAndWait(seeder.client, original.path)

  const unknownRoot = 'bafkreidqji6olmgker75rh2zcjplprmvnf7cs6yimvqnuphrrlha7vqoey'
  await fetcher.client.download({ link: unknownRoot })
  const early = await refusal(fetcher.client.forget({ id: unknownRoot }))
  assert.equal(early.code, 'bad-request')
  assert.match(early.message, /is not finished: cancel it instead/)
  await fetcher.client.cancel({ id: unknownRoot })

  await fetcher.client.download({ link: share.link })
  const done = await waitFor(async () => (await fetcher.client.transfers({})).find(t => t.root === share.root && t.state === 'done'), { what: 'the download to finish', timeoutMs: 60_000 })
  assert.ok(done.activeMs > 0, 'the time it worked is kept')
  assert.ok(done.activeMs <= (done.finishedAt ?? 0) - done.startedAt + 1_000, `${done.activeMs} ms of work between start and finish`)
  assert.deepEqual((await seeder.client.dht({})).announced.map(a => a.name), ['report.pdf'], 'an announcement names its share')

  assert.deepEqual(await fetcher.client.showInFolder({ id: share.root }), { path: done.path })
  const opened = await waitFor(async () => { const got = await opener.opened(); return got.length > 0 ? got : null }, { what: 'the file manager to be asked', timeoutMs: 5_000 })
  assert.deepEqual(opened, [dirname(done.path!)], 'the folder holding the file, never the file itself')

  assert.deepEqual(await fetcher.client.forget({ id: share.root }), { id: share.root })
  assert.deepEqual(await fetcher.client.transfers({}), [])
  assert.equal(await sha256File(done.path!), original.sha256, 'the file stays')
  assert.ok((await fetcher.client.shares({})).some(s => s.root === share.root), 'and stays shared')

  const restarted = await fetcher.restart()
  assert.deepEqual(await restarted.client.transfers({}), [], 'it stays off the list after a restart')
  await access(done.path!)
}))

test('typed paths: ~ is the home folder, a relative path is refused, the chooser lists the home folder', { timeout: 60_000 }, withLogsOnFailure(async () => {
  const home = await tempDir('home')
  await mkdir(join(home, 'Videos'))
  const video = await randomFile(join(home, 'Videos'), 256 * 1024, 'holiday.mp4')
  const daemon = await startDaemon({ name: 'home-owner', network, env: { HOME: home } })

  const listing = await daemon.client.browse({ path: '~' })
  assert.equal(listing.folder, home)
  assert.deepEqual(listing.entries.map(e => e.name), ['Videos'])
  const completed = await daemon.client.browse({ path: '~/Videos/hol' })
  assert.deepEqual(completed.entries.map(e => [e.path, e.size]), [[video.path, 256 * 1024]])

  const shared = await shareAndWait(daemon.client, '~/Videos/holiday.mp4')
  assert.equal(shared.path, video.path)

  const relative = await refusal(shareAndWait(daemon.client, 'Videos/holiday.mp4'))
  assert.equal(relative.code, 'bad-request')
  assert.equal(relative.message, '"Videos/holiday.mp4" is not a full path, and PeerShare cannot tell which folder it is relative to. Give the whole path, starting with / (or ~/ for your home folder).')
  assert.equal((await refusal(daemon.client.browse({ path: 'Videos' }))).code, 'bad-request')
  assert.equal((await refusal(daemon.client.browse({ path: join(home, 'nope', 'x') }))).code, 'path-not-found')
}))
