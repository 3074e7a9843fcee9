/**
 * Links the system hands to the app, and the desktop command line: only
 * well-formed `peershare://` links pass on, they wait until the page
 * listens, and `--profile` picks a profile whose name titles the window.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultProfileDir, electronDataDir, parseDesktopArgs, windowTitle } from '../../electron/main/desktop-args.js'
import { DesktopUsageError } from '../../electron/main/errors.js'
import { LinkInbox, linksFromArgv, wellFormedLink } from '../../electron/main/link-inbox.js'

const ROOT = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'
const LINK = `peershare://${ROOT}?name=movie.mkv&size=3145728`

describe('link hand-off', () => {
  it('passes well-formed peershare:// links only', () => {
    assert.equal(wellFormedLink(LINK), LINK)
    assert.equal(wellFormedLink(`  ${LINK}\n`), LINK)
    assert.equal(wellFormedLink(`PEERSHARE://${ROOT}`), `PEERSHARE://${ROOT}`)
    for (const bad of [
      ROOT, 'peershare://', 'peershare://not-a-root', `peershare://${ROOT}?size=-1`, `peershare://${ROOT}?peer=/ip4/1.2.3.4/tcp/1`,
      'https://example.org/', `javascript:peershare://${ROOT}`, `peershare://${ROOT}?name=${'x'.repeat(300)}`, 42, null, undefined
    ]) assert.equal(wellFormedLink(bad), null, String(bad).slice(0, 60))
  })

  it('finds the links in a launch\'s or a second instance\'s argv', () => {
    const argv = ['/usr/bin/peershare', '--profile', '/tmp/p', '--allow-file-access-from-files', LINK, 'peershare://junk', '/some/file']
    assert.deepEqual(linksFromArgv(argv), [LINK])
    assert.deepEqual(linksFromArgv([]), [])
  })

  it('queues links until the page listens, then delivers each once, in order', () => {
    const inbox = new LinkInbox({ maxQueued: 2 })
    const other = `peershare://${ROOT}?name=other`
    const third = `peershare://${ROOT}?name=third`
    assert.equal(inbox.offer(LINK), true)
    assert.equal(inbox.offer('peershare://junk'), false)
    inbox.offer(other)
    inbox.offer(third)
    assert.deepEqual(inbox.pending, [other, third], 'the oldest is dropped past the limit')
    const delivered: string[] = []
    inbox.attach(link => { delivered.push(link) })
    assert.deepEqual(delivered, [other, third])
    assert.deepEqual(inbox.pending, [])
    inbox.offer(LINK)
    assert.deepEqual(delivered, [other, third, LINK])
    inbox.detach()
    inbox.offer(LINK)
    assert.deepEqual(delivered.length, 3, 'held again while the page is away')
    assert.deepEqual(inbox.pending, [LINK])
  })
})

describe('parseDesktopArgs', () => {
  const appData = '/home/ana/.config'

  it('defaults to the default profile under the OS config folder', () => {
    const args = parseDesktopArgs(['/opt/PeerShare/peershare'], appData, '/work')
    assert.equal(args.profileDir, '/home/ana/.config/PeerShare/profiles/default')
    assert.equal(args.profileDir, defaultProfileDir(appData))
    assert.equal(args.profileName, 'default')
    assert.equal(args.isDefaultProfile, true)
    assert.deepEqual(args.node, {})
    assert.deepEqual(args.links, [])
  })

  it('takes --profile DIR or --profile=DIR, relative to the working directory', () => {
    assert.equal(parseDesktopArgs(['.', '--profile', 'ps/work'], appData, '/work').profileDir, '/work/ps/work')
    const args = parseDesktopArgs(['--profile=/tmp/ps-b'], appData, '/work')
    assert.equal(args.profileDir, '/tmp/ps-b')
    assert.equal(args.profileName, 'ps-b')
    assert.equal(args.isDefaultProfile, false)
    assert.equal(windowTitle(args.profileName), 'PeerShare — ps-b')
    assert.equal(electronDataDir(args.profileDir), '/tmp/ps-b/electron')
  })

  it('passes node options through and skips switches it does not know', () => {
    const args = parseDesktopArgs([
      '/app', '--enable-logging', '--profile-directory=Default', '--listen', '/ip4/127.0.0.1/tcp/0', '--listen=/ip4/127.0.0.1/tcp/0/ws',
      '--no-mdns', '--network', 'lab', '--bootstrap', '/ip4/10.0.0.2/tcp/4001/p2p/12D3KooWabc', LINK
    ], appData, '/work')
    assert.deepEqual(args.node, {
      listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'],
      bootstrap: ['/ip4/10.0.0.2/tcp/4001/p2p/12D3KooWabc'],
      mdns: false,
      network: 'lab'
    })
    assert.equal(args.isDefaultProfile, true, '--profile-directory is Chromium\'s, not ours')
    assert.deepEqual(args.links, [LINK])
  })

  it('says what is wrong with a bad command line', () => {
    for (const argv of [['--profile'], ['--profile', '--no-mdns'], ['--profile='], ['--profile', 'a', '--profile', 'b'], ['--listen', 'tcp:4001'], ['--bootstrap', '/ip4/1.2.3.4/tcp/1'], ['--network', 'a/b']]) {
      assert.throws(() => parseDesktopArgs(argv, appData, '/work'), DesktopUsageError, argv.join(' '))
    }
  })
})
