/**
 * The Electron main process of PeerShare: the wiring, in the order Electron
 * needs it. Before 'ready': sandbox every renderer, register the `app:`
 * scheme, read the command line, give the profile its own Electron data
 * folder and single-instance lock, become the `peershare://` handler, catch
 * macOS 'open-url'. On 'ready': serve `app://peershare/`, lock down the
 * session and every webContents, start the DesktopApp. Before quitting:
 * stop it cleanly so the store is closed and daemon.json removed.
 * This is the only part of PeerShare that imports 'electron' besides the
 * preload; the engine never does.
 */
import {
  app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, session, shell, Tray
} from 'electron'
import { logger } from '@libp2p/logger'
import { resolve } from 'node:path'
import { appPaths, iconPath } from './app-paths.js'
import { registerAppScheme, serveAppProtocol } from './app-protocol.js'
import { DesktopApp } from './desktop-app.js'
import { electronDataDir, parseDesktopArgs, type DesktopArgs } from './desktop-args.js'
import { LinkInbox, linksFromArgv } from './link-inbox.js'
import { hardenContents, hardenSession } from './window-security.js'

const log = logger('peershare:desktop')
const LINK_PROTOCOL = 'peershare'

app.setName('PeerShare')
app.enableSandbox()
registerAppScheme(protocol)

const paths = appPaths(import.meta.url, app.isPackaged ? process.resourcesPath : undefined)
const links = new LinkInbox()

let args: DesktopArgs | undefined
try {
  args = parseDesktopArgs(process.argv.slice(1), app.getPath('appData'))
} catch (err) {
  process.stderr.write(`PeerShare: ${(err as Error).message}\n`)
  app.exit(2)
}

if (args != null) main(args)

function main (args: DesktopArgs): void {
  // Electron's data (and with it the single-instance lock) lives in the profile, so profiles run side by side.
  app.setPath('userData', electronDataDir(args.profileDir))
  app.setPath('sessionData', electronDataDir(args.profileDir))
  if (!app.requestSingleInstanceLock()) {
    log('another window runs the profile %s; the links were handed to it', args.profileDir)
    app.quit()
    return
  }
  registerLinkHandler(args)
  for (const link of args.links) links.offer(link)

  // Every webContents, whatever creates it, is locked down the moment it exists.
  app.on('web-contents-created', (_event, contents) => {
    hardenContents(contents, { openExternal: async url => { await shell.openExternal(url) } })
  })
  app.on('open-url', (event, url) => {
    event.preventDefault()
    if (!links.offer(url)) log('ignored a malformed link handed over by the system')
    desktop.showWindow()
  })

  const trayImage = nativeImage.createFromPath(iconPath(paths, process.platform === 'darwin' ? 16 : 32))
  const desktop = new DesktopApp({
    app, BrowserWindow, ipcMain, dialog, shell, Tray, Menu, Notification, links
  }, {
    args,
    preloadPath: paths.preloadPath,
    iconPath: iconPath(paths, 512),
    trayIcon: trayImage,
    devTools: !app.isPackaged
  })

  app.on('second-instance', (_event, argv) => {
    for (const link of linksFromArgv(argv)) links.offer(link)
    desktop.showWindow()
  })
  app.on('activate', () => { desktop.showWindow() })
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with their window closed; elsewhere closing the window quits.
    if (process.platform !== 'darwin') app.quit()
  })

  let stopped = false
  app.on('before-quit', event => {
    if (stopped) return
    event.preventDefault()
    void desktop.stop()
      .catch(err => { log.error('stopping PeerShare failed: %s', (err as Error)?.message) })
      .finally(() => {
        stopped = true
        app.quit()
      })
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => { app.quit() })

  app.whenReady().then(async () => {
    serveAppProtocol(protocol, paths.rendererDir)
    hardenSession(session.defaultSession)
    await desktop.start()
  }).catch(err => {
    const message = (err as Error)?.message ?? String(err)
    log.error('PeerShare could not start: %s', message)
    process.stderr.write(`PeerShare could not start: ${message}\n`)
    dialog.showErrorBox('PeerShare could not start', message)
    stopped = true
    void desktop.stop().finally(() => { app.exit(1) })
  })
}

/**
 * Becomes the system's handler for `peershare://` links. Only the default
 * profile registers, so a test or second profile never takes links away
 * from it; a development run registers Electron with the app's path.
 */
function registerLinkHandler (args: DesktopArgs): void {
  if (!args.isDefaultProfile) return
  const ok = process.defaultApp === true && process.argv[1] != null
    ? app.setAsDefaultProtocolClient(LINK_PROTOCOL, process.execPath, [resolve(process.argv[1])])
    : app.setAsDefaultProtocolClient(LINK_PROTOCOL)
  if (!ok) log('could not register as the %s:// handler', LINK_PROTOCOL)
}
