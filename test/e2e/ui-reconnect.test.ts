/**
 * A browser tab outlives its node (issue 12, item 9): with the UI open in a
 * real Chromium, the daemon stops; the page says it is reconnecting, and
 * when the daemon starts again from the same profile it is back on the
 * same address, and the very same page (never reloaded) catches up by
 * itself and follows events again. (What a page without its token says is
 * checked in ui-share-download.test.ts.)
 */
import assert from 'node:assert/strict'
import { after, before, describe } from 'node:test'
import type { Browser } from 'playwright-core'
import { MiB, cleanupAll, randomFile, startDaemon, tempDir, uniqueNetwork, type Daemon } from '../support/index.js'
import { itemNamed, launchBrowser, openUi, showView, stepWithDiagnostics, type UiPage } from './support/ui.js'

describe('web UI: a tab that outlives its node', { timeout: 180_000 }, () => {
  let daemon: Daemon
  let browser: Browser
  let ui: UiPage
  let src: string

  before(async () => {
    daemon = await startDaemon({ name: 'comes-back', network: uniqueNetwork() })
    src = await tempDir('reconnect-src')
    browser = await launchBrowser()
    ui = await openUi(browser, daemon)
  })

  after(cleanupAll)

  const step = stepWithDiagnostics(() => ui?.problems ?? [])

  step('after the node restarts on its address, the same page reconnects by itself and follows events again', async () => {
    const { page } = ui
    const before = await randomFile(src, 1 * MiB, 'before-restart.bin')
    await daemon.client.share({ path: before.path })
    const panel = await showView(page, 'Share')
    await itemNamed(panel, 'Shares', 'before-restart.bin').waitFor()
    // A mark on this very document: a reload would lose it.
    await page.evaluate('window.notReloaded = true')

    const address = daemon.api
    await daemon.stop()
    const banner = page.getByRole('status').filter({ hasText: 'Reconnecting to PeerShare' })
    await banner.waitFor({ timeout: 15_000 })

    daemon = await daemon.restart()
    assert.equal(daemon.api, address, 'the node is back on the address the page has')
    await banner.waitFor({ state: 'detached', timeout: 20_000 })

    const afterRestart = await randomFile(src, 1 * MiB, 'after-restart.bin')
    await daemon.client.share({ path: afterRestart.path })
    await itemNamed(panel, 'Shares', 'after-restart.bin').waitFor({ timeout: 15_000 })
    assert.equal(await page.evaluate('window.notReloaded'), true, 'the page was never reloaded')
    assert.equal(await page.getByRole('alert').count(), 0, 'no error is left on the page')
  })

  step('no script errors beyond the requests refused while the node was away', async () => {
    const errors = ui.problems.filter(p => !/Failed to load resource|WebSocket connection to .* failed/.test(p))
    assert.deepEqual(errors, [])
  })
})
