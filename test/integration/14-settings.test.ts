/**
 * Settings as a person meets them, with real daemons. Options given on the
 * command line apply to that run only: the settings view says which they
 * are, saving something else writes only that to settings.json, and the
 * next plain start (in a network namespace of its own, since it listens on
 * every interface with mDNS on) uses the saved settings, not the flags. A
 * bootstrap address that cannot be parsed is refused with an error naming
 * it, so the profile still starts; a damaged settings.json stops the start
 * with a message naming the file, and is left as it was.
 */
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { after, test } from 'node:test'
import { profilePath } from '../../electron/core/index.js'
import { defaultSettings } from '../../electron/core/defaults.js'
import { PeerShareApiError } from '../../shared/index.js'
import {
  MiB, callInNetns, cleanupAll, createLan, dialAddr, lanUnavailable, startDaemon, startNetnsDaemon, tempDir, uniqueNetwork, withLogsOnFailure
} from '../support/index.js'

after(cleanupAll)

const network = uniqueNetwork()

async function savedSettings (profileDir: string): Promise<unknown> {
  return JSON.parse(await readFile(profilePath(profileDir, 'settings'), 'utf8'))
}

test('flags apply to their run only: a save writes only what changed, and the next plain start ignores them', { timeout: 120_000 }, withLogsOnFailure(async (t) => {
  const peer = await startDaemon({ name: 'bootstrap-peer', network })
  const downloads = await tempDir('flags-dl')
  const flagged = await startDaemon({ name: 'flagged', network, bootstrap: [dialAddr(peer)], extraArgs: ['--download-dir', downloads] })

  const before = await flagged.client.settings({})
  assert.deepEqual([...before.fromFlags].sort(), ['bootstrap', 'downloadDir', 'listen', 'mdns'], 'the view says which values came from flags')
  assert.deepEqual(before.listen, ['/ip4/127.0.0.1/tcp/0'])
  assert.equal(before.mdns, false)
  assert.deepEqual(before.saved, defaultSettings(flagged.profileDir), 'nothing is saved yet')

  const saved = await flagged.client.updateSettings({ downloadLimit: 2 * MiB })
  assert.equal(saved.downloadLimit, 2 * MiB, 'the cap applies at once')
  assert.deepEqual(await savedSettings(flagged.profileDir), { downloadLimit: 2 * MiB }, 'settings.json holds the change and nothing else')
  await flagged.stop()
  await peer.stop()

  await t.test('the next plain start listens beyond loopback with mDNS on, and keeps the saved cap', async (st) => {
    const why = await lanUnavailable()
    if (why != null) {
      st.skip(why)
      return
    }
    const [host] = await createLan()
    const plain = await startNetnsDaemon(host.netns, ['--profile', flagged.profileDir, '--network', network])
    assert.ok(plain.addrs.some(addr => addr.startsWith(`/ip4/${host.ip}/`)), `listens on the LAN address too: ${plain.addrs.join(' ')}`)
    const view = await callInNetns(host.netns, flagged.profileDir, 'settings', {})
    assert.deepEqual(view.fromFlags, [])
    assert.deepEqual(
      { listen: view.listen, bootstrap: view.bootstrap, mdns: view.mdns, downloadDir: view.downloadDir, downloadLimit: view.downloadLimit },
      { listen: defaultSettings(flagged.profileDir).listen, bootstrap: [], mdns: true, downloadDir: defaultSettings(flagged.profileDir).downloadDir, downloadLimit: 2 * MiB })
  })
}))

test('a bootstrap address that cannot be parsed is refused by name, and the profile still starts', { timeout: 60_000 }, withLogsOnFailure(async () => {
  const daemon = await startDaemon({ name: 'refuses', network })
  const bad = `/ip4/192.0.2.7/tcp/99999/p2p/${daemon.peerId}`
  await assert.rejects(daemon.client.updateSettings({ uploadLimit: 1024, bootstrap: [bad] }), (err: unknown) => {
    assert.ok(err instanceof PeerShareApiError && err.code === 'bad-request', String(err))
    assert.match(err.message, /"bootstrap".*192\.0\.2\.7.*not a valid multiaddr/)
    return true
  })
  await assert.rejects(readFile(profilePath(daemon.profileDir, 'settings')), { code: 'ENOENT' }, 'nothing was saved')
  assert.equal((await daemon.client.settings({})).uploadLimit, 0, 'nothing changed')

  // Started without --bootstrap, so only saved settings could name a bootstrap peer.
  await daemon.stop()
  const again = await startDaemon({ name: 'refuses-again', network, profileDir: daemon.profileDir })
  assert.deepEqual((await again.client.settings({})).bootstrap, [])
}))

test('a damaged settings.json stops the start with a message naming it, and is not replaced', { timeout: 60_000 }, withLogsOnFailure(async () => {
  const profileDir = await tempDir('damaged-settings')
  const file = profilePath(profileDir, 'settings')
  const damaged = '{ "downloadLimit": 1048576, '
  await writeFile(file, damaged)
  await assert.rejects(startDaemon({ name: 'damaged', network, profileDir }), (err: unknown) => {
    assert.match((err as Error).message, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: it is not valid JSON`))
    assert.match((err as Error).message, /move the file away to start from the default settings/)
    return true
  })
  assert.equal(await readFile(file, 'utf8'), damaged)
}))
