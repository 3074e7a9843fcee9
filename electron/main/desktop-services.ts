/**
 * The desktop-only conveniences behind the IPC binding, done with
 * Electron's dialog: the native open dialog. Input has been checked by the
 * binding; this only talks to the OS.
 */
import type { BaseWindow, Dialog, OpenDialogOptions } from 'electron'
import type { DesktopServices } from './ipc-binding.js'

export interface DesktopServicesComponents {
  dialog: Pick<Dialog, 'showOpenDialog'>
  /** The window dialogs belong to, or null. */
  window: () => BaseWindow | null
}

/** The dialog options for picking what to share. */
export function openDialogOptions (kind: 'files' | 'folder'): OpenDialogOptions {
  return kind === 'folder'
    ? { title: 'Share a folder', properties: ['openDirectory', 'dontAddToRecent'] }
    : { title: 'Share files', properties: ['openFile', 'multiSelections', 'dontAddToRecent'] }
}

/** Builds the services over Electron's modules. */
export function createDesktopServices (components: DesktopServicesComponents): DesktopServices {
  return {
    async pickPaths (kind) {
      const window = components.window()
      const options = openDialogOptions(kind)
      const result = window == null
        ? await components.dialog.showOpenDialog(options)
        : await components.dialog.showOpenDialog(window, options)
      return result.canceled ? [] : result.filePaths
    }
  }
}
