/**
 * The preload of PeerShare's window, run sandboxed and context-isolated
 * before the page: it puts the bridge (named functions only, see
 * preload-bridge.ts) on `window.peershare` and nothing else. scripts/bundle.mjs
 * bundles it into dist/electron/main/preload.cjs, since a sandboxed preload
 * cannot load modules of its own.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { BRIDGE_GLOBAL } from '../../shared/index.js'
import { createBridge } from './preload-bridge.js'

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer, webUtils))
