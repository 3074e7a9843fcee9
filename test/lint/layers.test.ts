/**
 * The import rules of eslint.config.js that keep PeerShare's layers apart:
 * each one fails when broken, with a message that says what to do instead,
 * and lets through what its layer may import. Each case is a line of code
 * linted as if it were the file at that path (ESLint's lintText), so no
 * broken file sits in the tree for the normal lint run to trip over.
 */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'

const CHECKOUT = fileURLToPath(new URL('../../../', import.meta.url))

interface Case {
  readonly file: string
  readonly code: string
}

const SHARED = /shared\/ imports nothing of PeerShare outside shared\/: .* Move what you need into shared\//
const SHARED_NO_PACKAGES = /shared\/ is the contract, .* imports no npm package and no Node built-in/
const RENDERER = /The renderer speaks only the contract in shared\/ \(import from shared\/index\.js\)/
const RENDERER_IN_BROWSER = /The renderer runs in a sandboxed page or a browser: no Node built-ins and no Electron/
const ENGINE_NO_ELECTRON = /electron\/core is the engine, a plain Node library: it never imports Electron\. Take what you need as a component/
const ENGINE_NO_HOST = /The engine never reaches into a host .* Take what you need as a component or init option/
const FACE = /A host reaches the engine only through its face: import from electron\/core\/index\.js/
const IPC = /Only the preload .* and the IPC binding .* touch Electron's IPC\. Add a command to the contract in shared\/api\.ts/

const BROKEN: ReadonlyArray<Case & { readonly says: RegExp }> = [
  { file: 'shared/link.ts', code: "import { createEngine } from '../electron/core/index.js'", says: SHARED },
  { file: 'shared/link.ts', code: "export { Store } from '../renderer/src/store/index.js'", says: SHARED },
  { file: 'shared/link.ts', code: "import { CID } from 'multiformats/cid'", says: SHARED_NO_PACKAGES },
  { file: 'shared/link.ts', code: "import { readFile } from 'node:fs/promises'", says: SHARED_NO_PACKAGES },
  { file: 'renderer/src/views/peers/peer-row.tsx', code: "import { createEngine } from '../../../../electron/core/index.js'", says: RENDERER },
  { file: 'renderer/src/main.tsx', code: "import { runDaemon } from '../../electron/host/index.js'", says: RENDERER },
  { file: 'renderer/src/main.tsx', code: "import { ipcRenderer } from 'electron'", says: RENDERER_IN_BROWSER },
  { file: 'renderer/src/main.tsx', code: "import { join } from 'node:path'", says: RENDERER_IN_BROWSER },
  { file: 'electron/core/engine/engine.ts', code: "import { app } from 'electron'", says: ENGINE_NO_ELECTRON },
  { file: 'electron/core/engine/engine.ts', code: "import type { IpcMain } from 'electron'", says: ENGINE_NO_ELECTRON },
  { file: 'electron/core/engine/engine.ts', code: "import { runDaemon } from '../../host/index.js'", says: ENGINE_NO_HOST },
  { file: 'electron/core/engine/engine.ts', code: "import { parseCliArgs } from '../../cli/args.js'", says: ENGINE_NO_HOST },
  { file: 'electron/core/engine/engine.ts', code: "import { DesktopApp } from '../../main/desktop-app.js'", says: ENGINE_NO_HOST },
  { file: 'electron/core/engine/engine.ts', code: "import { planLaunch } from '../../launcher/launch-plan.js'", says: ENGINE_NO_HOST },
  { file: 'electron/core/index.ts', code: "export { Lab } from '../lab/lab.js'", says: ENGINE_NO_HOST },
  { file: 'electron/core/index.ts', code: "import { benchDir } from '../../bench/support/files.js'", says: ENGINE_NO_HOST },
  { file: 'electron/cli/commands/share.ts', code: "import { Library } from '../../core/library/library.js'", says: FACE },
  { file: 'electron/host/daemon.ts', code: "import { DEFAULT_NETWORK } from '../core/defaults.js'", says: FACE },
  { file: 'electron/main/desktop-app.ts', code: "export { createEngine } from '../core/engine/index.js'", says: FACE },
  { file: 'electron/launcher/start.ts', code: "import { Store } from '../core/library/store.js'", says: FACE },
  { file: 'electron/lab/lab.ts', code: "import { createNode } from '../core/node/create-node.js'", says: FACE },
  { file: 'bench/support/daemon.ts', code: "import { Store } from '../../electron/core/library/store.js'", says: FACE },
  { file: 'electron/main/tray.ts', code: "import { ipcMain } from 'electron'", says: IPC },
  { file: 'electron/main/desktop-app.ts', code: "import type { IpcMain } from 'electron'", says: IPC },
  { file: 'electron/main/window-security.ts', code: "import { ipcRenderer } from 'electron'", says: IPC },
  { file: 'electron/main/main.ts', code: "import { ipcRenderer } from 'electron'", says: IPC },
  { file: 'electron/host/daemon.ts', code: "import { ipcMain } from 'electron'", says: IPC }
]

const ALLOWED: readonly Case[] = [
  { file: 'shared/link.ts', code: "import { API_COMMANDS } from './api.js'" },
  { file: 'renderer/src/views/peers/peer-row.tsx', code: "import { parseLink } from '../../../../shared/index.js'\nimport { useState } from 'react'\nimport { useStore } from '../../store/index.js'" },
  { file: 'electron/core/engine/engine.ts', code: "import { API_COMMANDS } from '../../../shared/index.js'\nimport { Store } from '../library/store.js'\nimport { createLibp2p } from 'libp2p'" },
  { file: 'electron/cli/commands/share.ts', code: "import { createEngine } from '../../core/index.js'\nimport { runDaemon } from '../../host/index.js'" },
  { file: 'bench/support/daemon.ts', code: "import { createEngine } from '../../electron/core/index.js'" },
  { file: 'electron/cli/usage.ts', code: "import { DEFAULT_NETWORK } from '../core/defaults.js'" },
  { file: 'electron/main/preload.ts', code: "import { contextBridge, ipcRenderer } from 'electron'" },
  { file: 'electron/main/preload-bridge.ts', code: "import type { IpcRenderer, IpcRendererEvent } from 'electron'" },
  { file: 'electron/main/ipc-binding.ts', code: "import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron'" },
  { file: 'electron/main/main.ts', code: "import { app, ipcMain } from 'electron'" },
  { file: 'electron/main/tray.ts', code: "import type { Menu, Tray } from 'electron'" },
  { file: 'test/core/library/store.test.ts', code: "import { Store } from '../../../electron/core/library/store.js'\nimport { ipcMain } from 'electron'" }
]

describe('layer rules', () => {
  let eslint: ESLint
  before(() => { eslint = new ESLint({ cwd: CHECKOUT }) })

  const layerMessages = async ({ file, code }: Case): Promise<string[]> => {
    const [result] = await eslint.lintText(`${code}\n`, { filePath: `${CHECKOUT}${file}` })
    assert.equal(result.messages.filter(m => m.fatal === true).length, 0, `${file} parses`)
    return result.messages.filter(m => m.ruleId === 'no-restricted-imports').map(m => m.message)
  }

  it('refuse an import across a layer, saying what to do instead', async () => {
    for (const c of BROKEN) {
      const messages = await layerMessages(c)
      assert.equal(messages.length, 1, `${c.file}: ${c.code} is refused once`)
      assert.match(messages[0], c.says, `${c.file}: ${c.code}`)
    }
  })

  it('let through what each layer may import', async () => {
    for (const c of ALLOWED) {
      assert.deepEqual(await layerMessages(c), [], `${c.file}: ${c.code}`)
    }
  })
})
