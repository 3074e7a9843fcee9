/**
 * The main-process IPC binding, under Node with stand-ins for Electron:
 * every contract command and desktop channel is bound and nothing else; a
 * message from the main frame of our window on `app://peershare/` reaches
 * the engine; messages from another page, a subframe or another webContents
 * are refused and logged; errors cross as `{ code, message }`; events and
 * links are pushed to the window.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { API_COMMANDS, type ApiCommandName } from '../../shared/index.js'
import { IpcBinding, type DesktopServices } from '../../electron/main/ipc-binding.js'
import { API_CHANNELS, DESKTOP_CHANNELS, EVENT_CHANNEL, INVOKE_CHANNELS, SEND_CHANNELS, apiChannel } from '../../electron/main/ipc-channels.js'
import { LinkInbox } from '../../electron/main/link-inbox.js'
import { FAKE_TRANSFER, FakeEngine } from '../host/fake-engine.js'
import { FakeIpcMain, FakeWebContents, fakeEvent } from './fakes.js'

const LINK = 'peershare://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi?name=movie.mkv'

interface Rig {
  ipc: FakeIpcMain
  engine: FakeEngine
  contents: FakeWebContents
  binding: IpcBinding
  reports: string[]
  links: LinkInbox
  desktopCalls: Array<[string, unknown]>
}

async function rig (): Promise<Rig> {
  const ipc = new FakeIpcMain()
  const engine = new FakeEngine()
  const contents = new FakeWebContents(1)
  const reports: string[] = []
  const links = new LinkInbox()
  const desktopCalls: Array<[string, unknown]> = []
  const desktop: DesktopServices = {
    pickPaths: async kind => { desktopCalls.push(['pickPaths', kind]); return ['/home/ana/holiday.mp4'] }
  }
  const binding = new IpcBinding(
    { ipcMain: ipc.asIpcMain(), engine, contents: () => contents, desktop, links },
    { host: { kind: 'electron', profile: 'work' }, report: message => { reports.push(message) } }
  )
  await binding.start()
  return { ipc, engine, contents, binding, reports, links, desktopCalls }
}

describe('IPC channels', () => {
  it('name one channel per contract command under peershare:api:', () => {
    assert.deepEqual(Object.keys(API_CHANNELS).sort(), [...API_COMMANDS].sort())
    for (const command of API_COMMANDS) assert.equal(API_CHANNELS[command], `peershare:api:${command}`)
    assert.equal(new Set(INVOKE_CHANNELS).size, INVOKE_CHANNELS.length)
  })
})

describe('IpcBinding', () => {
  it('binds every contract command and the desktop channels, and nothing else', async () => {
    const { ipc, binding } = await rig()
    const expected = [...API_COMMANDS.map(apiChannel), DESKTOP_CHANNELS.pickPaths].sort()
    assert.deepEqual([...ipc.handlers.keys()].sort(), expected)
    assert.deepEqual([...ipc.listeners.keys()].sort(), [...SEND_CHANNELS].sort())
    assert.deepEqual([...INVOKE_CHANNELS].sort(), expected)

    await binding.start()
    assert.equal(ipc.handlers.size, expected.length, 'start is idempotent')
    await binding.stop()
    assert.deepEqual(ipc.channels(), [], 'stop removes every channel')
    await binding.stop()
  })

  it('hands a trusted sender the engine\'s answer for every command', async () => {
    const { ipc, engine, contents } = await rig()
    for (const command of API_COMMANDS) {
      engine.handlers[command] = (req: unknown) => ({ answeredBy: command, req })
      const req = { probe: command }
      const result = await ipc.invoke(API_CHANNELS[command], fakeEvent(contents), req)
      assert.deepEqual(result, { ok: true, value: { answeredBy: command, req } }, command)
    }
    assert.deepEqual(engine.calls.map(c => c.command), [...API_COMMANDS])
  })

  it('sends an empty object when the page sends no request', async () => {
    const { ipc, engine, contents } = await rig()
    await ipc.invoke(API_CHANNELS.status, fakeEvent(contents))
    assert.deepEqual(engine.calls[0], { command: 'status', req: {} })
  })

  it('turns engine errors into { code, message }', async () => {
    const { ipc, contents } = await rig()
    const result = await ipc.invoke(API_CHANNELS.inspectLink, fakeEvent(contents), { link: 'nonsense' })
    assert.deepEqual(result, { ok: false, error: { code: 'invalid-link', message: 'Not a PeerShare link.' } })

    const bad = await ipc.invoke(API_CHANNELS.share, fakeEvent(contents), ['not', 'an', 'object'])
    assert.equal((bad as { error: { code: string } }).error.code, 'bad-request')
  })

  const untrusted: Array<[string, (r: Rig) => ReturnType<typeof fakeEvent>]> = [
    ['a page of another origin in our window', r => {
      r.contents.mainFrame.url = 'https://evil.example/'
      return fakeEvent(r.contents)
    }],
    ['a file:// page in our window', r => {
      r.contents.mainFrame.url = 'file:///tmp/index.html'
      return fakeEvent(r.contents)
    }],
    ['an app: URL for another host', r => {
      r.contents.mainFrame.url = 'app://elsewhere/index.html'
      return fakeEvent(r.contents)
    }],
    ['a subframe of our page, even on our origin', r => fakeEvent(r.contents, r.contents.subframe())],
    ['another webContents showing our origin', () => fakeEvent(new FakeWebContents(2))],
    ['a frame that is gone', r => fakeEvent(r.contents, null)]
  ]
  for (const [who, makeEvent] of untrusted) {
    it(`refuses and logs ${who}`, async () => {
      const r = await rig()
      for (const command of API_COMMANDS) {
        const result = await r.ipc.invoke(API_CHANNELS[command], makeEvent(r), {}) as { ok: boolean, error: { code: string, message: string } }
        assert.equal(result.ok, false)
        assert.equal(result.error.code, 'unauthorized')
        assert.match(result.error.message, /Only PeerShare's own window/)
      }
      const picked = await r.ipc.invoke(DESKTOP_CHANNELS.pickPaths, makeEvent(r), 'files') as { ok: boolean }
      assert.equal(picked.ok, false)
      const host = r.ipc.emit(DESKTOP_CHANNELS.hostInfo, makeEvent(r)) as { ok: boolean }
      assert.equal(host.ok, false)
      assert.equal(r.engine.calls.length, 0, 'the engine never heard of it')
      assert.deepEqual(r.desktopCalls, [])
      assert.equal(r.reports.length, API_COMMANDS.length + 2)
      assert.ok(r.reports.every(line => line.startsWith('refused IPC on peershare:')))
    })
  }

  it('refuses everything when there is no window', async () => {
    const ipc = new FakeIpcMain()
    const engine = new FakeEngine()
    const reports: string[] = []
    const binding = new IpcBinding({
      ipcMain: ipc.asIpcMain(), engine, contents: () => null, links: new LinkInbox(),
      desktop: { pickPaths: async () => [] }
    }, { host: { kind: 'electron', profile: 'p' }, report: m => { reports.push(m) } })
    await binding.start()
    const result = await ipc.invoke(API_CHANNELS.status, fakeEvent(new FakeWebContents(1)), {}) as { ok: boolean }
    assert.equal(result.ok, false)
    assert.equal(engine.calls.length, 0)
    assert.equal(reports.length, 1)
  })

  it('answers the host info synchronously to a trusted sender', async () => {
    const { ipc, contents } = await rig()
    assert.deepEqual(ipc.emit(DESKTOP_CHANNELS.hostInfo, fakeEvent(contents)), { ok: true, value: { kind: 'electron', profile: 'work' } })
  })

  it('checks the desktop requests\' arguments before acting', async () => {
    const { ipc, contents, desktopCalls } = await rig()
    assert.deepEqual(await ipc.invoke(DESKTOP_CHANNELS.pickPaths, fakeEvent(contents), 'files'), { ok: true, value: ['/home/ana/holiday.mp4'] })
    assert.equal((await ipc.invoke(DESKTOP_CHANNELS.pickPaths, fakeEvent(contents), 'everything') as { error: { code: string } }).error.code, 'bad-request')
    assert.deepEqual(desktopCalls, [['pickPaths', 'files']])
  })

  it('pushes engine events to the window until stopped', async () => {
    const { engine, contents, binding } = await rig()
    engine.emit({ kind: 'transfer', transfer: FAKE_TRANSFER })
    assert.deepEqual(contents.sent, [{ channel: EVENT_CHANNEL, args: [{ kind: 'transfer', transfer: FAKE_TRANSFER }] }])
    contents.destroyed = true
    engine.emit({ kind: 'share-removed', root: 'b' })
    assert.equal(contents.sent.length, 1, 'nothing is sent to a destroyed window')
    contents.destroyed = false
    await binding.stop()
    engine.emit({ kind: 'share-removed', root: 'b' })
    assert.equal(contents.sent.length, 1)
    assert.equal(engine.listeners.size, 0)
  })

  it('delivers queued links once the page says it listens, and only to a trusted page', async () => {
    const { ipc, contents, links } = await rig()
    links.offer(LINK)
    links.offer('peershare://not-a-root')
    ipc.emit(DESKTOP_CHANNELS.openLinkReady, fakeEvent(contents, contents.subframe()))
    assert.deepEqual(contents.sent, [], 'a subframe cannot collect the links')
    ipc.emit(DESKTOP_CHANNELS.openLinkReady, fakeEvent(contents))
    assert.deepEqual(contents.sent, [{ channel: DESKTOP_CHANNELS.openLink, args: [LINK] }])
    links.offer(LINK)
    assert.equal(contents.sent.length, 2)
  })

  it('binds commands by name only: no other peershare:api: channel answers', async () => {
    const { ipc, contents } = await rig()
    await assert.rejects(ipc.invoke('peershare:api:constructor', fakeEvent(contents)), /No handler registered/)
    const names: ApiCommandName[] = [...API_COMMANDS]
    assert.equal(names.length, Object.keys(API_CHANNELS).length)
  })
})
