/**
 * A profile's settings as the engine keeps them, seen through what a person
 * observes: the settings view, and what settings.json holds afterwards.
 * Each profile's default download folder is its own.
 * Options given for one run win for that run and are never saved; an update
 * saves only what it changes; a mistake is refused, naming the setting, with
 * nothing saved; and a settings.json that cannot be used is reported, never
 * replaced.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { ProfileSettings } from '../../../electron/core/config/index.js'
import { defaultSettings } from '../../../electron/core/defaults.js'
import { BadRequestError, PeerShareError } from '../../../electron/core/errors.js'
import { profilePath } from '../../../electron/core/profile/index.js'

let root: string
let peer: string
let n = 0

/** A fresh profile directory, optionally with a settings.json holding `text`. */
async function profile (text?: string): Promise<string> {
  const dir = path.join(root, `p${n++}`)
  await fs.mkdir(dir)
  if (text != null) await fs.writeFile(profilePath(dir, 'settings'), text)
  return dir
}

async function savedJson (dir: string): Promise<unknown> {
  return JSON.parse(await fs.readFile(profilePath(dir, 'settings'), 'utf8'))
}

/** Asserts a refusal that is a BadRequestError whose message names `field`. */
function refuses (field: string, pattern: RegExp) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof BadRequestError, `a BadRequestError, not ${String(err)}`)
    assert.match(err.message, new RegExp(`"${field}"`))
    assert.match(err.message, pattern)
    return true
  }
}

describe('profile settings', () => {
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'peershare-settings-'))
    peer = peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()
  })
  after(async () => { await fs.rm(root, { recursive: true, force: true }) })

  it('start from the defaults, and write nothing until a person saves something', async () => {
    const dir = await profile()
    const settings = await ProfileSettings.load(dir)
    assert.deepEqual(settings.view(), { ...defaultSettings(dir), fromFlags: [], saved: defaultSettings(dir) })
    await assert.rejects(fs.access(profilePath(dir, 'settings')), { code: 'ENOENT' })
  })

  it('give each profile a download folder of its own: ~/Downloads/PeerShare for the default one, named after the profile for the others', async () => {
    const base = path.join(os.homedir(), 'Downloads', 'PeerShare')
    const defaultProfile = path.join(root, 'default')
    await fs.mkdir(defaultProfile)
    const alice = path.join(root, 'alice')
    await fs.mkdir(alice)
    const work = path.join(root, 'work: laptop')
    await fs.mkdir(work)
    assert.equal((await ProfileSettings.load(defaultProfile)).current.downloadDir, base)
    assert.equal((await ProfileSettings.load(alice)).current.downloadDir, `${base} (alice)`)
    assert.equal((await ProfileSettings.load(work)).view().saved.downloadDir, `${base} (work_ laptop)`, 'a name no file system objects to')
    await assert.rejects(fs.access(profilePath(alice, 'settings')), { code: 'ENOENT' }, 'a default is not written down')
  })

  it('name the device after the host, and after the profile too unless it is the default; a new name applies at once and is saved', async () => {
    const host = os.hostname().split('.')[0]
    const defaultProfile = path.join(root, 'default')
    await fs.mkdir(defaultProfile, { recursive: true })
    const kitchen = path.join(root, 'kitchen')
    await fs.mkdir(kitchen)
    assert.equal((await ProfileSettings.load(defaultProfile)).current.deviceName, host)
    const settings = await ProfileSettings.load(kitchen)
    assert.equal(settings.current.deviceName, `${host} (kitchen)`, 'two profiles on one machine are told apart')
    assert.equal((await settings.update({ deviceName: '  Kitchen laptop ' })).deviceName, 'Kitchen laptop')
    assert.deepEqual(await savedJson(kitchen), { deviceName: 'Kitchen laptop' })
    await assert.rejects(settings.update({ deviceName: 'a\nb' }), /control characters/)
  })

  it('use the options of this run, say which they are, and save only what an update changes', async () => {
    const dir = await profile()
    const flags = { listen: ['/ip4/127.0.0.1/tcp/0'], bootstrap: [`/ip4/127.0.0.1/tcp/4100/p2p/${peer}`], mdns: false, network: 'test-net' }
    const settings = await ProfileSettings.load(dir, flags)
    assert.deepEqual(settings.current.listen, flags.listen)
    assert.equal(settings.current.mdns, false)
    assert.deepEqual([...settings.view().fromFlags].sort(), ['bootstrap', 'listen', 'mdns'])

    const view = await settings.update({ downloadLimit: 512 * 1024 })
    assert.deepEqual(await savedJson(dir), { downloadLimit: 512 * 1024 }, 'the flags stay out of settings.json')
    assert.equal(view.downloadLimit, 512 * 1024, 'a cap applies at once')
    assert.deepEqual(view.listen, flags.listen, 'this run keeps its flags')

    const next = await ProfileSettings.load(dir)
    assert.deepEqual(next.view(), { ...defaultSettings(dir), downloadLimit: 512 * 1024, fromFlags: [], saved: { ...defaultSettings(dir), downloadLimit: 512 * 1024 } })
  })

  it('save a changed network setting for the next start, and leave this run as it started', async () => {
    const dir = await profile()
    const settings = await ProfileSettings.load(dir, { mdns: false })
    const view = await settings.update({ mdns: false, listen: ['/ip4/0.0.0.0/tcp/4001'] })
    assert.deepEqual(await savedJson(dir), { mdns: false, listen: ['/ip4/0.0.0.0/tcp/4001'] }, 'a person may save the value a flag gave')
    assert.deepEqual(view.listen, defaultSettings(dir).listen)
    assert.deepEqual(view.saved.listen, ['/ip4/0.0.0.0/tcp/4001'])
  })

  it('let a saved cap or folder replace a flag\'s for the rest of the run', async () => {
    const dir = await profile()
    const settings = await ProfileSettings.load(dir, { uploadLimit: 1024, downloadDir: path.join(root, 'flag-dl') })
    const view = await settings.update({ uploadLimit: 2048 })
    assert.equal(view.uploadLimit, 2048)
    assert.deepEqual(view.fromFlags, ['downloadDir'])
    assert.deepEqual(await savedJson(dir), { uploadLimit: 2048 })
  })

  it('refuse a bootstrap address that could not be dialed, name it, and save nothing', async () => {
    const dir = await profile('{ "uploadLimit": 100 }\n')
    const settings = await ProfileSettings.load(dir)
    await assert.rejects(settings.update({ bootstrap: ['/ip4/192.0.2.7/tcp/99999/p2p/' + peer] }), refuses('bootstrap', /not a valid multiaddr/))
    await assert.rejects(settings.update({ bootstrap: ['/ip4/192.0.2.7/tcp/4001/p2p/12D3KooWnotapeer'] }), refuses('bootstrap', /valid peer id/))
    await assert.rejects(settings.update({ bootstrap: ['/ip4/192.0.2.7/tcp/4001'] }), refuses('bootstrap', /\/p2p\/<peer id>/))
    await assert.rejects(settings.update({ downloadLimit: 10, bootstrap: 'one' as never }), refuses('bootstrap', /list/))
    assert.deepEqual(await savedJson(dir), { uploadLimit: 100 }, 'settings.json is untouched')
    assert.equal(settings.view().downloadLimit, 0, 'and so is the run')
    assert.deepEqual((await ProfileSettings.load(dir)).view().saved.bootstrap, [], 'the next start is not affected')
  })

  it('refuse other mistakes with the setting and the mistake named', async () => {
    const settings = await ProfileSettings.load(await profile())
    await assert.rejects(settings.update({ listen: ['/ip4/0.0.0.0/udp/4001'] }), refuses('listen', /cannot listen/))
    await assert.rejects(settings.update({ uploadLimit: -1 }), refuses('uploadLimit', /whole number/))
    await assert.rejects(settings.update({ uploadLimit: 1.5 }), refuses('uploadLimit', /whole number/))
    await assert.rejects(settings.update({ mdns: 'yes' as never }), refuses('mdns', /true/))
    await assert.rejects(settings.update({ downloadDir: 'relative/dir' }), refuses('downloadDir', /absolute/))
    await assert.rejects(settings.update({ colour: 'blue' } as never), refuses('colour', /not a setting/))
    await assert.rejects(settings.update(null), (err: unknown) => err instanceof BadRequestError && /object/.test(err.message))
  })

  it('refuse a bad option for this run at start, naming it', async () => {
    const dir = await profile()
    await assert.rejects(ProfileSettings.load(dir, { bootstrap: ['/ip4/1.2.3.4/tcp/1/p2p/nope'] }), (err: unknown) =>
      err instanceof BadRequestError && /bootstrap option given for this run/.test(err.message))
    await assert.rejects(ProfileSettings.load(dir, { network: 'two words' }), (err: unknown) =>
      err instanceof BadRequestError && /network/.test(err.message))
  })

  it('report a settings.json that cannot be used, name the file and what to do, and leave it as it is', async () => {
    for (const [text, why] of [
      ['{ "downloadLimit": 10', /not valid JSON/],
      ['[1, 2]', /one JSON object/],
      [`{ "bootstrap": ["/ip4/1.2.3.4/tcp/4001/p2p/${'x'.repeat(10)}"] }`, /"bootstrap" is refused/]
    ] as const) {
      const dir = await profile(text)
      await assert.rejects(ProfileSettings.load(dir), (err: unknown) => {
        assert.ok(err instanceof PeerShareError && err.name === 'SettingsFileError', String(err))
        assert.ok(err.message.includes(profilePath(dir, 'settings')), 'names the file')
        assert.match(err.message, why)
        assert.match(err.message, /move the file away/)
        return true
      })
      assert.equal(await fs.readFile(profilePath(dir, 'settings'), 'utf8'), text, 'not replaced')
    }
  })

  it('keep fields a newer PeerShare saved, and every one of two updates made at once', async () => {
    const dir = await profile('{ "theme": "dark" }')
    const settings = await ProfileSettings.load(dir)
    await Promise.all([settings.update({ uploadLimit: 1 }), settings.update({ downloadLimit: 2 }), settings.update({ mdns: false })])
    assert.deepEqual(await savedJson(dir), { theme: 'dark', uploadLimit: 1, downloadLimit: 2, mdns: false })
  })
})
