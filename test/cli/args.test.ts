/**
 * Parsing the `peershare` command line (electron/cli/args.ts): commands,
 * repeatable node options, paths made absolute, byte rates, the test-only
 * misbehaviour switch, and usage errors for everything else.
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { parseByteRate, parseCliArgs, toEngineInit } from '../../electron/cli/args.js'
import { defaultProfileDir } from '../../electron/cli/default-profile.js'
import { UsageError } from '../../electron/cli/usage-error.js'
import { HEADLESS_DEFAULT_PROFILE } from '../../electron/launcher/launch-plan.js'
import { checkBootstrapAddress, checkNetworkName } from '../../shared/index.js'

const CWD = '/home/me'

describe('parseCliArgs', () => {
  it('parses daemon with every node option', () => {
    const cmd = parseCliArgs([
      'daemon', '--profile', 'p1',
      '--listen', '/ip4/127.0.0.1/tcp/0', '--listen', '/ip4/127.0.0.1/tcp/0/ws',
      '--bootstrap', '/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWabc',
      '--no-mdns', '--network', 'test-net', '--upload-limit', '1M', '--download-limit', '2048',
      '--download-dir', 'dl', '--json'
    ], {}, CWD)
    assert.equal(cmd.kind, 'daemon')
    if (cmd.kind !== 'daemon') return
    assert.equal(cmd.profile, '/home/me/p1')
    assert.equal(cmd.json, true)
    assert.deepEqual(toEngineInit(cmd), {
      profileDir: '/home/me/p1',
      listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'],
      bootstrap: ['/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWabc'],
      mdns: false,
      network: 'test-net',
      uploadLimit: 1024 * 1024,
      downloadLimit: 2048,
      downloadDir: '/home/me/dl'
    })
  })

  it('leaves unset node options out of the EngineInit, so the profile\'s settings apply', () => {
    const cmd = parseCliArgs(['status', '--profile', '/abs'], {}, CWD)
    assert.ok(cmd.kind === 'status')
    assert.deepEqual(toEngineInit(cmd), { profileDir: '/abs' })
    assert.equal(cmd.json, false)
  })

  it('makes share and get paths absolute', () => {
    const share = parseCliArgs(['share', 'movies/a.mkv', '--profile', 'p'], {}, CWD)
    assert.deepEqual(share.kind === 'share' && share.path, '/home/me/movies/a.mkv')
    const get = parseCliArgs(['get', 'peershare://bxyz', '--profile', 'p', '--out', 'dl'], {}, CWD)
    assert.equal(get.kind, 'get')
    if (get.kind !== 'get') return
    assert.equal(get.link, 'peershare://bxyz')
    assert.equal(get.out, '/home/me/dl')
    const noOut = parseCliArgs(['get', 'bxyz', '--profile', 'p'], {}, CWD)
    assert.equal(noOut.kind === 'get' && noOut.out, undefined)
    assert.equal(noOut.kind === 'get' && noOut.files, undefined, 'no --file: the whole share')
  })

  it('shares privately unless --public; parses unshare and link rotate, and refuses what they do not take', () => {
    const priv = parseCliArgs(['share', 'a.pdf', '--profile', 'p'], {}, CWD)
    assert.equal(priv.kind === 'share' && priv.public, false, 'a share is private by default')
    const pub = parseCliArgs(['share', 'a.pdf', '--public', '--profile', 'p'], {}, CWD)
    assert.equal(pub.kind === 'share' && pub.public, true)
    const root = 'bafkreidqji6olmgker75rh2zcjplprmvnf7cs6yimvqnuphrrlha7vqoey'
    const unshare = parseCliArgs(['unshare', root, '--profile', '/p'], {}, CWD)
    assert.ok(unshare.kind === 'unshare' && unshare.root === root && unshare.profile === '/p')
    const rotate = parseCliArgs(['link', 'rotate', root, '--profile', 'p'], {}, CWD)
    assert.ok(rotate.kind === 'link' && rotate.action === 'rotate' && rotate.root === root)
    assert.throws(() => parseCliArgs(['link', 'rotate', '--profile', 'p'], {}, CWD), /link rotate ROOT/)
    assert.throws(() => parseCliArgs(['link', 'spin', root, '--profile', 'p'], {}, CWD), /Unknown link action "spin"/)
    assert.throws(() => parseCliArgs(['unshare', '--profile', 'p'], {}, CWD), /unshare needs the ROOT/)
    assert.throws(() => parseCliArgs(['get', root, '--public', '--profile', 'p'], {}, CWD), /--public only applies to share/)
  })

  it('keeps --file picks of get as the manifest names them (not resolved against the working folder)', () => {
    const get = parseCliArgs(['get', 'bxyz', '--profile', 'p', '--file', 'album/track1.flac', '--file', 'album/disc2'], {}, CWD)
    assert.deepEqual(get.kind === 'get' && get.files, ['album/track1.flac', 'album/disc2'])
  })

  it('takes the profile from PEERSHARE_PROFILE when --profile is absent', () => {
    const cmd = parseCliArgs(['ls'], { PEERSHARE_PROFILE: 'envp' }, CWD)
    assert.equal('profile' in cmd && cmd.profile, '/home/me/envp')
  })

  it('without --profile or PEERSHARE_PROFILE, uses the profile npm start uses: .peershare/default in the checkout', () => {
    const checkout = fileURLToPath(new URL('../../../', import.meta.url))
    for (const argv of [['ls'], ['status'], ['get', 'bxyz'], ['daemon']]) {
      const cmd = parseCliArgs(argv, {}, CWD)
      assert.equal('profile' in cmd && cmd.profile, join(checkout, HEADLESS_DEFAULT_PROFILE), argv.join(' '))
    }
    assert.equal(defaultProfileDir(), join(checkout, '.peershare', 'default'))
  })

  it('turns PEERSHARE_TEST_MISBEHAVE into a chunk-source decorator for the engine, and takes only its two values', () => {
    const cmd = parseCliArgs(['daemon', '--profile', 'p'], { PEERSHARE_TEST_MISBEHAVE: 'corrupt' }, CWD)
    assert.ok(cmd.kind === 'daemon')
    assert.equal(cmd.misbehave, 'corrupt')
    assert.equal(typeof toEngineInit(cmd).chunkSourceDecorator, 'function')
    assert.throws(() => parseCliArgs(['daemon', '--profile', 'p'], { PEERSHARE_TEST_MISBEHAVE: 'explode' }, CWD), UsageError)
  })

  it('takes --open for daemon only', () => {
    const open = parseCliArgs(['daemon', '--profile', 'p', '--open'], {}, CWD)
    assert.equal(open.kind === 'daemon' && open.open, true)
    const closed = parseCliArgs(['daemon', '--profile', 'p'], {}, CWD)
    assert.equal(closed.kind === 'daemon' && closed.open, false)
    assert.throws(() => parseCliArgs(['ls', '--profile', 'p', '--open'], {}, CWD), UsageError)
  })

  it('takes the reach options: relays, STUN servers, no UPnP, no relay offered, and --announce for daemon', () => {
    const relay = '/ip4/11.0.0.1/tcp/4001/p2p/12D3KooWabc'
    const cmd = parseCliArgs(['daemon', '--profile', 'p', '--relay', relay, '--stun', 'stun:11.0.0.1:3478', '--stun', 'stun:11.0.0.1:3479',
      '--no-upnp', '--no-relay-service', '--announce', '/ip4/11.0.0.2/tcp/4001', '--network', 'public'], {}, CWD)
    assert.ok(cmd.kind === 'daemon')
    assert.deepEqual(toEngineInit(cmd), {
      profileDir: '/home/me/p',
      announce: ['/ip4/11.0.0.2/tcp/4001'],
      relays: [relay],
      stun: ['stun:11.0.0.1:3478', 'stun:11.0.0.1:3479'],
      upnp: false,
      relayService: false,
      network: 'public'
    })
  })

  it('parses relay with its own options', () => {
    const cmd = parseCliArgs(['relay', '--profile', 'r', '--listen', '/ip4/0.0.0.0/tcp/4001', '--announce', '/ip4/203.0.113.7/tcp/4001',
      '--data-limit', '64M', '--stun-listen', '0.0.0.0:3478', '--stun-listen', '[::]:3479', '--json'], {}, CWD)
    assert.ok(cmd.kind === 'relay')
    assert.equal(cmd.profile, '/home/me/r')
    assert.deepEqual(cmd.node.listen, ['/ip4/0.0.0.0/tcp/4001'])
    assert.deepEqual(cmd.announce, ['/ip4/203.0.113.7/tcp/4001'])
    assert.equal(cmd.dataLimit, 64 * 1024 * 1024)
    assert.deepEqual(cmd.stunListen, [{ host: '0.0.0.0', port: 3478 }, { host: '::', port: 3479 }])
    const plain = parseCliArgs(['relay', '--profile', 'r', '--data-limit', 'none', '--stun-listen', 'none'], {}, CWD)
    assert.ok(plain.kind === 'relay')
    assert.equal(plain.dataLimit, 'none')
    assert.deepEqual(plain.stunListen, [])
    const defaults = parseCliArgs(['relay', '--profile', 'r'], {}, CWD)
    assert.ok(defaults.kind === 'relay' && defaults.dataLimit == null && defaults.stunListen == null, 'unset: the relay\'s defaults')
  })

  it('recognises help in its three spellings, and a command\'s own help', () => {
    for (const argv of [['help'], ['--help'], ['-h']]) assert.deepEqual(parseCliArgs(argv, {}, CWD), { kind: 'help', topic: undefined })
    for (const argv of [['get', '--help'], ['help', 'get'], ['get', '-h', '--profile', 'p']]) assert.deepEqual(parseCliArgs(argv, {}, CWD), { kind: 'help', topic: 'get' })
    assert.deepEqual(parseCliArgs(['--version'], {}, CWD), { kind: 'version' })
  })

  it('refuses node options for commands that never start a node', () => {
    assert.throws(() => parseCliArgs(['status', '--listen', '/ip4/127.0.0.1/tcp/0'], {}, CWD), /--listen only applies to daemon, share and get: status never starts a node/)
    assert.throws(() => parseCliArgs(['ls', '--no-mdns'], {}, CWD), /--no-mdns only applies/)
  })

  it('names an unknown option or a missing value plainly', () => {
    assert.throws(() => parseCliArgs(['ls', '--bogus'], {}, CWD), (err: Error) => err.message === 'Unknown option "--bogus".')
    assert.throws(() => parseCliArgs(['ls', '--profile'], {}, CWD), (err: Error) => err.message === '--profile needs a value.')
  })

  it('throws UsageError for mistakes', () => {
    const bad = [
      [],
      ['frobnicate', '--profile', 'p'],
      ['ls', '--profile', ''],
      ['share', '--profile', 'p'],
      ['get', '--profile', 'p'],
      ['get', 'a', 'b', '--profile', 'p'],
      ['ls', 'extra', '--profile', 'p'],
      ['ls', '--profile', 'p', '--out', 'x'],
      ['share', 'x', '--profile', 'p', '--file', 'a'],
      ['daemon', '--profile', 'p', '--bogus'],
      ['daemon', '--profile'],
      ['daemon', '--profile', 'p', '--listen', 'localhost:4001'],
      ['daemon', '--profile', 'p', '--bootstrap', '/ip4/1.2.3.4/tcp/1'],
      ['daemon', '--profile', 'p', '--upload-limit', 'fast'],
      ['daemon', '--profile', 'p', '--upload-limit', '-5'],
      ['daemon', '--profile', 'p', '--relay', '/ip4/11.0.0.1/tcp/4001'],
      ['daemon', '--profile', 'p', '--stun', '11.0.0.1:3478'],
      ['daemon', '--profile', 'p', '--data-limit', '1M'],
      ['ls', '--profile', 'p', '--announce', '/ip4/11.0.0.2/tcp/4001'],
      ['daemon', '--profile', 'p', '--announce', 'somewhere'],
      ['relay', '--profile', 'p', '--data-limit', 'lots'],
      ['relay', '--profile', 'p', '--stun-listen', '3478'],
      ['relay', '--profile', 'p', '--stun-listen', '0.0.0.0:70000']
    ]
    for (const argv of bad) assert.throws(() => parseCliArgs(argv, {}, CWD), UsageError, JSON.stringify(argv))
  })

  it('names the option and the mistake, in the words the settings form and the engine use too', () => {
    const said = (argv: string[]): string => {
      try {
        parseCliArgs(['daemon', '--profile', 'p', ...argv], {}, CWD)
      } catch (err) {
        assert.ok(err instanceof UsageError)
        return err.message
      }
      return 'accepted'
    }
    assert.equal(said(['--network', 'two words']), `--network: ${checkNetworkName('two words')}`)
    assert.equal(said(['--bootstrap', '/ip4/1.2.3.4/tcp/1']), `--bootstrap: ${checkBootstrapAddress('/ip4/1.2.3.4/tcp/1')}`)
    assert.equal(said(['--network', 'lab-2']), 'accepted')
  })
})

describe('parseByteRate', () => {
  it('reads whole numbers with optional binary suffixes', () => {
    assert.equal(parseByteRate('0', '--x'), 0)
    assert.equal(parseByteRate('1500', '--x'), 1500)
    assert.equal(parseByteRate('64k', '--x'), 65536)
    assert.equal(parseByteRate('2MiB', '--x'), 2 * 1024 * 1024)
    assert.equal(parseByteRate('1G', '--x'), 1024 ** 3)
    assert.throws(() => parseByteRate('1.5M', '--x'), UsageError)
  })
})
