/**
 * Where the desktop app finds its own files at run time: the built
 * renderer, the bundled preload and the icons, in a development checkout
 * (dist/ next to build/) and in a packaged app (inside app.asar, icons in
 * the resources folder). Computed from this module's own location, so no
 * working directory is assumed.
 */
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The runtime locations of the app's files. */
export interface AppPaths {
  /** dist/renderer: what `app://peershare/` serves. */
  readonly rendererDir: string
  /** dist/electron/main/preload.cjs. */
  readonly preloadPath: string
  /** Folder of PNG icons named <size>x<size>.png. */
  readonly iconsDir: string
}

/**
 * The paths for a main module at `mainModuleUrl` (import.meta.url of
 * dist/electron/main/*.js); `resourcesPath` is set for a packaged app.
 */
export function appPaths (mainModuleUrl: string, resourcesPath?: string): AppPaths {
  const mainDir = dirname(fileURLToPath(mainModuleUrl))
  const distDir = resolve(mainDir, '..', '..')
  return {
    rendererDir: join(distDir, 'renderer'),
    preloadPath: join(mainDir, 'preload.cjs'),
    iconsDir: resourcesPath != null ? join(resourcesPath, 'icons') : join(distDir, '..', 'build', 'icons')
  }
}

/** The icon file of a given pixel size. */
export function iconPath (paths: AppPaths, size: 16 | 32 | 64 | 128 | 256 | 512): string {
  return join(paths.iconsDir, `${size}x${size}.png`)
}
