/**
 * The tray and the completion notifications wired to an engine, under Node
 * with stand-ins for Electron's Tray, Menu and Notification: the tray shows
 * the summary and redraws at most once per interval; a notification is
 * shown once when a download completes, and none where unsupported.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Menu, MenuItemConstructorOptions, NotificationConstructorOptions } from 'electron'
import { CompletionNotifier, type NotificationClass } from '../../electron/main/notifications.js'
import { TrayController } from '../../electron/main/tray.js'
import { FAKE_TRANSFER, FakeEngine } from '../host/fake-engine.js'

/** FakeTray — stands in for Electron's Tray: records tooltips and menus. */
class FakeTray {
  static made: FakeTray[] = []
  tooltips: string[] = []
  menus: MenuItemConstructorOptions[][] = []
  clicks: Array<() => void> = []
  destroyed = false
  constructor (readonly image: unknown) { FakeTray.made.push(this) }
  setToolTip (text: string): void { this.tooltips.push(text) }
  setContextMenu (menu: unknown): void { this.menus.push(menu as MenuItemConstructorOptions[]) }
  on (_event: string, listener: () => void): this { this.clicks.push(listener); return this }
  destroy (): void { this.destroyed = true }
}

/** FakeMenu — stands in for Electron's Menu: the "menu" is its template. */
const FakeMenu = { buildFromTemplate: (template: MenuItemConstructorOptions[]) => template } as unknown as Pick<typeof Menu, 'buildFromTemplate'>

/** A FakeNotification class — stands in for Electron's Notification; records what was shown. */
function fakeNotificationClass (supported: boolean): NotificationClass & { shown: NotificationConstructorOptions[] } {
  const shown: NotificationConstructorOptions[] = []
  class FakeNotification {
    static shown = shown
    static isSupported (): boolean { return supported }
    constructor (readonly options: NotificationConstructorOptions) {}
    on (): this { return this }
    show (): void { shown.push(this.options) }
  }
  return FakeNotification as unknown as NotificationClass & { shown: NotificationConstructorOptions[] }
}

const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => setTimeout(resolve, ms)) }

describe('TrayController', () => {
  it('shows the summary with Show window and Quit, redrawing at most once per interval', async () => {
    FakeTray.made = []
    const engine = new FakeEngine()
    let shown = 0
    let quit = 0
    const tray = new TrayController({ Tray: FakeTray as never, Menu: FakeMenu, engine }, {
      icon: 'icon.png', profileName: 'work', onShow: () => { shown++ }, onQuit: () => { quit++ }, redrawIntervalMs: 200
    })
    await tray.start()
    const fake = FakeTray.made[0]
    assert.equal(fake.tooltips.length, 1)
    assert.match(fake.tooltips[0], /^PeerShare — work\n1 download active\n.*\n1 share$/)
    const menu = fake.menus[0]
    assert.deepEqual(menu.map(i => i.label ?? i.type), ['1 download active', '↓ 0 B/s  ↑ 0 B/s', '1 share', 'separator', 'Show window', 'Quit PeerShare'])
    ;(menu[4].click as () => void)()
    ;(menu[5].click as () => void)()
    assert.deepEqual([shown, quit], [1, 1])

    for (let i = 1; i <= 20; i++) engine.emit({ kind: 'stats', bytesIn: i, bytesOut: 0, rateIn: i * 1024, rateOut: 0, at: i })
    assert.equal(fake.tooltips.length, 1, 'nothing is redrawn before the interval')
    await sleep(300)
    assert.equal(fake.tooltips.length, 2, 'a burst of events is one redraw')
    assert.match(fake.tooltips[1], /↓ 20\.0 KiB\/s/)

    await tray.stop()
    assert.equal(fake.destroyed, true)
    assert.equal(engine.listeners.size, 0)
    await tray.stop()
  })
})

describe('CompletionNotifier', () => {
  it('notifies once when a download completes', async () => {
    const engine = new FakeEngine()
    const Notification = fakeNotificationClass(true)
    const notifier = new CompletionNotifier({ Notification, engine }, { onClick: () => {} })
    await notifier.start()
    const done = { ...FAKE_TRANSFER, state: 'done' as const, path: '/dl/movie.mkv' }
    engine.emit({ kind: 'transfer', transfer: done })
    engine.emit({ kind: 'transfer', transfer: done })
    assert.equal(Notification.shown.length, 1)
    assert.equal(Notification.shown[0].title, 'Download complete')
    assert.match(String(Notification.shown[0].body), /movie\.mkv/)
    await notifier.stop()
    assert.equal(engine.listeners.size, 0)
  })

  it('stays out of the way where notifications are not supported', async () => {
    const engine = new FakeEngine()
    const Notification = fakeNotificationClass(false)
    const notifier = new CompletionNotifier({ Notification, engine }, { onClick: () => {} })
    await notifier.start()
    assert.equal(engine.listeners.size, 0)
    await notifier.stop()
  })
})
