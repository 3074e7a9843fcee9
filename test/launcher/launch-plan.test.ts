/**
 * What `npm start` decides to run: the desktop app with the arguments as
 * given when Electron is installed, otherwise the headless host with the
 * UI opened in a browser, the profile and node options passed through.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findElectronBinary, NO_ELECTRON_ENV } from '../../electron/launcher/electron-binary.js'
import { HEADLESS_DEFAULT_PROFILE, planLaunch, takeProfile } from '../../electron/launcher/launch-plan.js'

describe('planLaunch', () => {
  it('runs Electron on the checkout with the arguments as given', () => {
    const plan = planLaunch({ root: '/src/peershare', argv: ['--profile', '/tmp/a'], electron: { found: true, path: '/bin/electron' }, node: '/bin/node' })
    assert.deepEqual(plan, { kind: 'electron', command: '/bin/electron', args: ['--js-flags=--max-semi-space-size=2', '/src/peershare', '--profile', '/tmp/a'], notice: null })
  })

  it('falls back to the headless daemon with --open, saying so in one line', () => {
    const plan = planLaunch({
      root: '/src/peershare',
      argv: ['--listen', '/ip4/127.0.0.1/tcp/0', '--profile=/tmp/b', '--no-mdns'],
      electron: { found: false, reason: 'its download was skipped or failed' },
      node: '/bin/node'
    })
    assert.equal(plan.kind, 'headless')
    assert.equal(plan.command, '/bin/node')
    assert.deepEqual(plan.args, ['--max-semi-space-size=2', '/src/peershare/dist/electron/cli/main.js', 'daemon', '--open', '--profile', '/tmp/b', '--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns'])
    assert.ok(plan.notice != null && !plan.notice.includes('\n'))
    assert.match(plan.notice, /Electron binary is not installed.*browser instead/)
  })

  it('opens the running node\'s UI when the profile\'s headless node already runs', () => {
    const plan = planLaunch({ root: '/r', argv: ['--profile', '/tmp/c', '--no-mdns'], electron: { found: false, reason: 'x' }, node: '/bin/node', running: true })
    assert.equal(plan.kind, 'reopen')
    assert.deepEqual(plan.args, ['/r/dist/electron/cli/main.js', 'ui', '--open', '--profile', '/tmp/c'])
    assert.match(plan.notice ?? '', /already runs for this profile/)
    assert.equal(planLaunch({ root: '/r', argv: [], electron: { found: true, path: '/bin/electron' }, node: '/bin/node', running: true }).kind, 'electron', 'the desktop app brings its own window forward')
  })

  it('uses .peershare/default when no profile is given', () => {
    const plan = planLaunch({ root: '/r', argv: [], electron: { found: false, reason: 'x' }, node: '/bin/node' })
    assert.deepEqual(plan.args.slice(2), ['daemon', '--open', '--profile', HEADLESS_DEFAULT_PROFILE])
    assert.deepEqual(takeProfile(['a', '--profile', 'p', 'b']), { profile: 'p', rest: ['a', 'b'] })
  })
})

describe('findElectronBinary', () => {
  it('can be told to ignore an installed Electron', () => {
    assert.deepEqual(findElectronBinary(import.meta.url, { [NO_ELECTRON_ENV]: '1' }), { found: false, reason: `${NO_ELECTRON_ENV}=1 is set` })
  })

  it('answers without loading Electron, whether or not the binary was downloaded', () => {
    const lookup = findElectronBinary(import.meta.url, {})
    if (lookup.found) assert.match(lookup.path, /electron/i)
    else assert.ok(lookup.reason.length > 0)
  })
})
