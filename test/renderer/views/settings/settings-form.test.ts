/**
 * The Settings form's logic: what it shows when it opens, and what a save
 * sends. A save sends only what the person changed, so values given on the
 * command line for one run never become permanent, and every value gets
 * the checks the engine runs too, named by its field.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fromForm, listenPort, needsRestart, rateToForm, toForm, withListenPort } from '../../../../renderer/src/views/settings/settings-form.js'
import type { SettingsValues, SettingsView } from '../../../../shared/index.js'

const SAVED: SettingsValues = {
  deviceName: 'ana-laptop',
  downloadDir: '/home/ana/Downloads',
  listen: ['/ip4/0.0.0.0/tcp/4001', '/ip4/0.0.0.0/tcp/4002/ws'],
  bootstrap: [],
  mdns: true,
  uploadLimit: 0,
  downloadLimit: 512 * 1024,
  relays: [],
  stun: [],
  upnp: true,
  relayService: true,
  publicNetwork: 'ask'
}

/** A plain start: nothing from flags, everything as saved. */
const PLAIN: SettingsView = { ...SAVED, fromFlags: [], saved: SAVED }

/** A start with --listen, --bootstrap, --no-mdns and --download-dir, as the tests' daemons run. */
const FLAGGED: SettingsView = {
  ...SAVED,
  downloadDir: '/tmp/dl',
  listen: ['/ip4/127.0.0.1/tcp/0'],
  bootstrap: ['/ip4/127.0.0.1/tcp/4100/p2p/12D3KooWabc'],
  mdns: false,
  fromFlags: ['downloadDir', 'listen', 'bootstrap', 'mdns'],
  saved: SAVED
}

describe('settings form', () => {
  it('reads and writes the TCP listen port, leaving the WebSocket one alone', () => {
    assert.equal(listenPort(SAVED.listen), 4001)
    assert.deepEqual(withListenPort(SAVED.listen, 5000), ['/ip4/0.0.0.0/tcp/5000', '/ip4/0.0.0.0/tcp/4002/ws'])
    assert.deepEqual(withListenPort(['/ip4/0.0.0.0/tcp/4002/ws'], 5000), ['/ip4/0.0.0.0/tcp/5000', '/ip4/0.0.0.0/tcp/4002/ws'])
    assert.equal(listenPort([]), 0)
  })

  it('shows rates in the unit that keeps them whole', () => {
    assert.deepEqual(rateToForm(0), { value: '0', unit: 'MiB/s' })
    assert.deepEqual(rateToForm(2 * 1024 * 1024), { value: '2', unit: 'MiB/s' })
    assert.deepEqual(rateToForm(512 * 1024), { value: '512', unit: 'KiB/s' })
  })

  it('opens on the folder and caps in effect, and on the network settings a start without flags uses', () => {
    const form = toForm(FLAGGED)
    assert.equal(form.downloadDir, '/tmp/dl')
    assert.equal(form.port, '4001', 'the saved port, not the flag\'s')
    assert.equal(form.bootstrap, '')
    assert.equal(form.mdns, true)
  })

  it('sends nothing when nothing changed', () => {
    for (const view of [PLAIN, FLAGGED]) assert.deepEqual(fromForm(toForm(view), view), { ok: true, value: {} })
  })

  it('sends only the changed cap, in bytes per second, when other values came from flags', () => {
    const result = fromForm({ ...toForm(FLAGGED), downloadLimit: '1.5', downloadUnit: 'MiB/s' }, FLAGGED)
    assert.deepEqual(result, { ok: true, value: { downloadLimit: 1.5 * 1024 * 1024 } })
    assert.equal(needsRestart({ downloadLimit: 1 }), false, 'caps apply at once')
  })

  it('writes a new port into the saved listen addresses, never into a flag\'s', () => {
    const result = fromForm({ ...toForm(FLAGGED), port: '4100' }, FLAGGED)
    assert.deepEqual(result, { ok: true, value: { listen: ['/ip4/0.0.0.0/tcp/4100', '/ip4/0.0.0.0/tcp/4002/ws'] } })
    assert.ok(result.ok && needsRestart(result.value))
  })

  it('sends mDNS and bootstrap peers only when they were edited', () => {
    const bootstrap = '/ip4/192.0.2.7/tcp/4001/p2p/12D3KooWabc'
    assert.deepEqual(fromForm({ ...toForm(PLAIN), mdns: false, bootstrap: `  ${bootstrap}\n\n` }, PLAIN), { ok: true, value: { mdns: false, bootstrap: [bootstrap] } })
  })

  it('names the field and the mistake for bad input', () => {
    const form = toForm(PLAIN)
    const bad = (patch: Partial<typeof form>): string | undefined => {
      const r = fromForm({ ...form, ...patch }, PLAIN)
      return r.ok ? undefined : r.field
    }
    assert.equal(bad({ port: '70000' }), 'port')
    assert.equal(bad({ port: 'abc' }), 'port')
    assert.equal(bad({ bootstrap: '1.2.3.4:4001' }), 'bootstrap')
    assert.equal(bad({ bootstrap: '/ip4/1.2.3.4/tcp/4001' }), 'bootstrap', 'a bootstrap peer needs its /p2p/ id')
    assert.equal(bad({ uploadLimit: '-1' }), 'uploadLimit')
    assert.equal(bad({ downloadLimit: 'fast' }), 'downloadLimit')
    assert.equal(bad({ downloadDir: '  ' }), 'downloadDir')
    assert.equal(bad({ downloadDir: 'Downloads/PeerShare' }), 'downloadDir', 'a relative folder would land wherever the node runs')
    const r = fromForm({ ...form, bootstrap: '/ip4/1.2.3.4/tcp/4001' }, PLAIN)
    assert.ok(!r.ok && /\/p2p\/<peer id>/.test(r.message), 'the message says what is missing')
  })
})
