/**
 * The notes the Settings form shows under a field: which values were given
 * on the command line for this run only (and what is saved instead), and
 * which saved changes wait for the next start.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { settingNotes } from '../../../../renderer/src/views/settings/setting-notes.js'
import type { SettingsValues, SettingsView } from '../../../../shared/index.js'

const SAVED: SettingsValues = {
  deviceName: 'ana-laptop',
  downloadDir: '/home/ana/Downloads',
  listen: ['/ip4/0.0.0.0/tcp/0', '/ip4/0.0.0.0/tcp/0/ws'],
  bootstrap: [],
  mdns: true,
  uploadLimit: 0,
  downloadLimit: 0,
  relays: [],
  stun: [],
  upnp: true,
  relayService: true,
  publicNetwork: 'ask'
}

describe('setting notes', () => {
  it('say nothing on a plain start', () => {
    assert.deepEqual(settingNotes({ ...SAVED, fromFlags: [], saved: SAVED }), {})
  })

  it('mark every value given on the command line, under its own field, with what is saved instead', () => {
    const view: SettingsView = {
      ...SAVED,
      listen: ['/ip4/127.0.0.1/tcp/0'],
      mdns: false,
      uploadLimit: 1024 * 1024,
      fromFlags: ['listen', 'mdns', 'uploadLimit'],
      saved: SAVED
    }
    const notes = settingNotes(view)
    assert.deepEqual(Object.keys(notes).sort(), ['mdns', 'port', 'uploadLimit'])
    assert.match(notes.port!, /\/ip4\/127\.0\.0\.1\/tcp\/0.*command line/)
    assert.match(notes.mdns!, /mDNS off.*command line/)
    assert.match(notes.uploadLimit!, /command line.*saved one is unlimited/)
  })

  it('tell when a saved network change waits for the next start', () => {
    const saved = { ...SAVED, mdns: false }
    const notes = settingNotes({ ...SAVED, fromFlags: [], saved })
    assert.deepEqual(Object.keys(notes), ['mdns'])
    assert.match(notes.mdns!, /still uses mDNS on.*next time PeerShare starts/)
  })
})
