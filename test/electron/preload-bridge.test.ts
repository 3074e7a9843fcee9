/**
 * The preload's bridge, under Node: it exposes exactly the named functions
 * of PeerShareBridge and plain data, never ipcRenderer or an IPC event;
 * each call goes to its contract channel; answers and errors come back from
 * a real IpcBinding (over stand-ins for Electron's IPC) as values and as
 * Errors with a `code`; listeners receive payloads only.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { API_COMMANDS, PeerShareApiError, toApiError, type PeerShareEvent } from '../../shared/index.js'
import { IpcBinding } from '../../electron/main/ipc-binding.js'
import { API_CHANNELS, DESKTOP_CHANNELS, EVENT_CHANNEL } from '../../electron/main/ipc-channels.js'
import { LinkInbox } from '../../electron/main/link-inbox.js'
import { createBridge } from '../../electron/main/preload-bridge.js'
import { FAKE_SHARE, FakeEngine } from '../host/fake-engine.js'
import { FakeIpcMain, FakeIpcRenderer, FakeWebContents, FakeWebUtils } from './fakes.js'

const LINK = 'peershare://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi?name=movie.mkv'

async function wired (contentsId = 1): Promise<{ ipcRenderer: FakeIpcRenderer, engine: FakeEngine, links: LinkInbox, webUtils: FakeWebUtils, windowContents: FakeWebContents }> {
  const ipcMain = new FakeIpcMain()
  const engine = new FakeEngine()
  const windowContents = new FakeWebContents(1)
  const links = new LinkInbox()
  const binding = new IpcBinding({
    ipcMain: ipcMain.asIpcMain(),
    engine,
    contents: () => windowContents,
    links,
    desktop: { pickPaths: async kind => kind === 'folder' ? ['/home/ana/photos'] : [] }
  }, { host: { kind: 'electron', profile: 'work' }, report: () => {} })
  await binding.start()
  const sender = contentsId === 1 ? windowContents : new FakeWebContents(contentsId)
  return { ipcRenderer: new FakeIpcRenderer(ipcMain, sender), engine, links, webUtils: new FakeWebUtils(), windowContents }
}

/** Every value reachable from the bridge, with its path. */
function walk (value: unknown, path = 'bridge', seen = new Set<unknown>()): Array<[string, unknown]> {
  if (value == null || typeof value !== 'object' || seen.has(value)) return [[path, value]]
  seen.add(value)
  const out: Array<[string, unknown]> = [[path, value]]
  for (const key of Reflect.ownKeys(value)) out.push(...walk((value as Record<PropertyKey, unknown>)[key], `${path}.${String(key)}`, seen))
  return out
}

describe('createBridge', () => {
  it('exposes exactly the named functions of the contract, frozen', async () => {
    const { ipcRenderer, webUtils } = await wired()
    const bridge = createBridge(ipcRenderer.asIpcRenderer(), webUtils.asWebUtils())
    assert.deepEqual(Object.keys(bridge).sort(), ['api', 'desktop', 'host', 'subscribe'])
    assert.deepEqual(Object.keys(bridge.api).sort(), [...API_COMMANDS].sort())
    assert.deepEqual(Object.keys(bridge.desktop ?? {}).sort(), ['onOpenLink', 'pathForFile', 'pickPaths'])
    assert.deepEqual(bridge.host, { kind: 'electron', profile: 'work' })
    for (const [path, value] of walk(bridge)) {
      if (path === 'bridge.host.kind' || path === 'bridge.host.profile') continue
      if (path === 'bridge' || path === 'bridge.api' || path === 'bridge.desktop' || path === 'bridge.host') {
        assert.ok(Object.isFrozen(value), `${path} is frozen`)
        continue
      }
      assert.equal(typeof value, 'function', `${path} is a function`)
      assert.notEqual((value as () => void).name, '', `${path} is a named function`)
    }
    assert.ok(walk(bridge).every(([, v]) => v !== ipcRenderer && v !== webUtils), 'neither ipcRenderer nor webUtils is reachable')
  })

  it('sends each command on its own channel and returns the engine\'s answer', async () => {
    const { ipcRenderer, webUtils, engine } = await wired()
    const bridge = createBridge(ipcRenderer.asIpcRenderer(), webUtils.asWebUtils())
    for (const command of API_COMMANDS) engine.handlers[command] = () => ({ from: command })
    for (const command of API_COMMANDS) {
      const api = bridge.api as unknown as Record<string, (req: unknown) => Promise<unknown>>
      assert.deepEqual(await api[command]({}), { from: command })
    }
    assert.deepEqual(ipcRenderer.invoked.map(c => c.channel), API_COMMANDS.map(c => API_CHANNELS[c]))
    assert.deepEqual(await bridge.api.share({ path: '/data/movie.mkv' }).then(() => engine.calls.at(-1)), { command: 'share', req: { path: '/data/movie.mkv' } })
  })

  it('rejects with a plain { code, message } that survives contextBridge, which the page turns back into an Error', async () => {
    const { ipcRenderer, webUtils } = await wired()
    const bridge = createBridge(ipcRenderer.asIpcRenderer(), webUtils.asWebUtils())
    const err = await bridge.api.inspectLink({ link: 'x' }).then(() => null, (e: unknown) => e)
    assert.deepEqual(err, { code: 'invalid-link', message: 'Not a PeerShare link.' })
    assert.equal(Object.getPrototypeOf(err), Object.prototype, 'a plain object: contextBridge would strip the code off an Error')
    const rebuilt = toApiError(err)
    assert.ok(rebuilt instanceof PeerShareApiError)
    assert.equal(rebuilt.code, 'invalid-link')
    assert.equal(rebuilt.message, 'Not a PeerShare link.')
  })

  it('makes a page outside our window fail every call with code unauthorized', async () => {
    const { ipcRenderer, webUtils } = await wired(1)
    const bridge = createBridge(ipcRenderer.asIpcRenderer(), webUtils.asWebUtils())
    ipcRenderer.contents.mainFrame.url = 'https://evil.example/'
    await assert.rejects(bridge.api.status({}), (e: unknown) => toApiError(e).code === 'unauthorized')
    const other = await wired(7)
    assert.throws(() => createBridge(other.ipcRenderer.asIpcRenderer(), other.webUtils.asWebUtils()), (e: unknown) => toApiError(e).code === 'unauthorized')
  })

  it('reports a missing or malformed answer as an internal error', async () => {
    const fake = {
      invoke: async () => 'not a result',
      sendSync: () => ({ ok: true, value: { kind: 'electron', profile: 'p' } }),
      send: () => {},
      on: () => fake,
      removeListener: () => fake
    }
    const bridge = createBridge(fake as never, new FakeWebUtils().asWebUtils())
    await assert.rejects(bridge.api.status({}), (e: unknown) => toApiError(e).code === 'internal')
    const failing = { ...fake, invoke: async () => { throw new Error('No handler registered') } }
    await assert.rejects(createBridge(failing as never, new FakeWebUtils().asWebUtils()).api.status({}), (e: unknown) => toApiError(e).code === 'internal' && /did not answer/.test(toApiError(e).message))
  })

  it('hands listeners the event payload only, and stops on unsubscribe', async () => {
    const { ipcRenderer, webUtils, engine } = await wired()
    const bridge = createBridge(ipcRenderer.asIpcRenderer(), webUtils.asWebUtils())
    const received: unknown[][] = []
    const stop = bridge.subscribe((...args: unknown[]) => { received.push(args) })
    const second: PeerShareEvent[] = []
    const stopSecond = bridge.subscribe(event => { second.push(event) })
    assert.equal(ipcRenderer.listeners.get(EVENT_CHANNEL)?.size, 1, 'one ipcRenderer listener serves every page listener')
    engine.emit({ kind: 'share', share: FAKE_SHARE })
    ipcRenderer.deliverPushes()
    assert.deepEqual(received, [[{ kind: 'share', share: FAKE_SHARE }]])
    assert.equal(second.length, 1)
    stop()
    stop()
    stopSecond()
    assert.equal(ipcRenderer.listeners.has(EVENT_CHANNEL), false, 'the last unsubscribe removes the ipcRenderer listener')
    engine.emit({ kind: 'share-removed', root: FAKE_SHARE.root })
    ipcRenderer.deliverPushes()
    assert.equal(received.length, 1)
  })

  it('asks main for queued links on the first onOpenLink and passes links only', async () => {
    const { ipcRenderer, webUtils, links } = await wired()
    links.offer(LINK)
    const bridge = createBridge(ipcRenderer.asIpcRenderer(), webUtils.asWebUtils())
    const got: unknown[][] = []
    const stop = bridge.desktop!.onOpenLink((...args: unknown[]) => { got.push(args) })
    assert.ok(ipcRenderer.sentMessages.some(m => m.channel === DESKTOP_CHANNELS.openLinkReady))
    ipcRenderer.deliverPushes()
    assert.deepEqual(got, [[LINK]])
    stop()
  })

  it('picks paths and resolves dropped files through their channels', async () => {
    const { ipcRenderer, webUtils } = await wired()
    const bridge = createBridge(ipcRenderer.asIpcRenderer(), webUtils.asWebUtils())
    assert.deepEqual(await bridge.desktop!.pickPaths('folder'), ['/home/ana/photos'])
    const dropped = { fakePath: '/home/ana/drop.bin' } as unknown as File
    assert.equal(bridge.desktop!.pathForFile(dropped), '/home/ana/drop.bin')
    assert.deepEqual(webUtils.asked, [dropped])
    assert.deepEqual(ipcRenderer.invoked.map(c => c.channel), [DESKTOP_CHANNELS.pickPaths])
  })
})
