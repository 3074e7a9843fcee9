/**
 * A shared file deleted (or moved away) behind PeerShare's back: the share
 * shows missing, in the API and `peershare ls`, also after a restart and
 * with no node running; it is no longer announced or served; when the file
 * comes back it is seeding (and announced) again; and a missing share can
 * be removed.
 */
import assert from 'node:assert/strict'
import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { after, test } from 'node:test'
import {
  MiB, cleanupAll, getShare, randomFile, runCli, startSwarm, tempDir, uniqueNetwork, waitFor, waitForAnnounced,
  waitForRoutingTables, withLogsOnFailure, type Daemon
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

/** Whether the daemon announces `root` on the DHT (has it, or a private share's locator for it, in its announcements at all). */
async function announces (daemon: Daemon, root: string): Promise<boolean> {
  return (await daemon.client.dht({})).announced.some(a => a.root === root || a.privateRoot === root)
}

test('a deleted shared file shows missing, is not served or announced, and comes back with the file', { timeout: 150_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  // Node 0 only bootstraps, so the sharer can restart and find the others again through it.
  const nodes = await startSwarm(3, { network, node: i => ({ name: ['bootstrap', 'sharer', 'asker'][i] }) })
  let sharer = nodes[1]
  const asker = nodes[2]
  await waitForRoutingTables(nodes, 1)
  const dir = await tempDir('missing-src')
  const file = await randomFile(dir, 2 * MiB, 'holiday.mp4')
  const share = await shareAndWait(sharer.client, file.path)
  await waitForAnnounced(sharer, share.root)
  assert.equal((await asker.client.lookup({ link: share.link })).name, 'holiday.mp4', 'served while the file is there')

  // Moved away: missing, named, withdrawn, not served.
  const away = join(await tempDir('missing-away'), 'holiday.mp4')
  await rename(file.path, away)
  const missing = await waitFor(async () => { const s = await getShare(sharer, share.root); return s?.state === 'missing' ? s : undefined }, { what: 'the share to show missing', timeoutMs: 15_000 })
  assert.deepEqual(missing.missingFiles, [file.path])
  await waitFor(async () => !await announces(sharer, share.root), { what: 'the missing share to be withdrawn from the DHT', timeoutMs: 15_000 })
  await assert.rejects(asker.client.lookup({ link: share.link }), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'no-providers', err.message)
    return true
  }, 'a missing share is not served')

  const ls = await runCli(['ls', '--profile', sharer.profileDir])
  assert.equal(ls.code, 0, ls.stderr)
  assert.match(ls.stdout, /holiday\.mp4 +2\.0 MiB +1 +missing/, ls.stdout)

  // After a restart it is missing from the start, and not announced.
  sharer = await sharer.restart()
  assert.equal((await getShare(sharer, share.root))?.state, 'missing', 'missing right after the restart')
  assert.equal(await announces(sharer, share.root), false)

  // With no node running, `ls` reads the profile and says so.
  await sharer.stop()
  const atRest = await runCli(['ls', '--profile', sharer.profileDir, '--json'])
  assert.equal(atRest.code, 0, atRest.stderr)
  const listed = JSON.parse(atRest.stdout) as { running: boolean, shares: Array<{ root: string, state: string }> }
  assert.equal(listed.running, false)
  assert.equal(listed.shares.find(s => s.root === share.root)?.state, 'missing')

  // Back where it was: seeding, announced and served again.
  sharer = await sharer.restart()
  await rename(away, file.path)
  await waitFor(async () => (await getShare(sharer, share.root))?.state === 'seeding', { what: 'the share to seed again', timeoutMs: 15_000 })
  await waitForAnnounced(sharer, share.root)
  await waitForRoutingTables([sharer, asker], 1)
  const info = await asker.client.lookup({ link: (await getShare(sharer, share.root))!.link })
  assert.equal(info.root, share.root, 'served again')
  t.diagnostic('missing, restarted, read at rest, back: all as expected')

  // Gone again, a missing share can be removed.
  await rename(file.path, away)
  await waitFor(async () => (await getShare(sharer, share.root))?.state === 'missing', { what: 'the share to show missing again', timeoutMs: 15_000 })
  await sharer.client.unshare({ root: share.root })
  assert.equal(await getShare(sharer, share.root), undefined)
}))
