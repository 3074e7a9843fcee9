/**
 * PeerShare's one window: titled with its profile, built with the secure
 * web preferences of window-security.ts, loading only
 * `app://peershare/index.html`. The page cannot retitle it, so the profile
 * stays visible when several instances run side by side.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron'
import { APP_ENTRY_URL } from './app-origin.js'
import { secureWebPreferences } from './window-security.js'

export interface MainWindowInit {
  /** "PeerShare — <profile>". */
  title: string
  /** Absolute path of the bundled preload (dist/electron/main/preload.cjs). */
  preloadPath: string
  /** Window icon; default none (the packaged app's icon). */
  iconPath?: string
  /** Whether developer tools may open; default false. */
  devTools?: boolean
}

/** The options the window is built with; exported so they can be checked. */
export function mainWindowOptions (init: MainWindowInit): BrowserWindowConstructorOptions {
  return {
    title: init.title,
    width: 1180,
    height: 780,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor: '#101418',
    ...(init.iconPath != null ? { icon: init.iconPath } : {}),
    webPreferences: secureWebPreferences(init.preloadPath, { devTools: init.devTools ?? false })
  }
}

/** Opens the window on our own origin; shows it once it has painted. */
export function openMainWindow (BrowserWindowClass: typeof BrowserWindow, init: MainWindowInit): BrowserWindow {
  const window = new BrowserWindowClass(mainWindowOptions(init))
  window.on('page-title-updated', event => { event.preventDefault() })
  window.once('ready-to-show', () => { window.show() })
  void window.loadURL(APP_ENTRY_URL).catch(() => {
    // A failed load is reported by 'did-fail-load'; the window still shows so the person sees something.
    if (!window.isDestroyed()) window.show()
  })
  return window
}
