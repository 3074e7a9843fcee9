/**
 * Sharing a large file from the web UI, in a real Chromium against a real
 * daemon: the Share view answers at once and shows the file being hashed
 * (a progress bar, files and bytes hashed, speed, time left); its Cancel
 * button stops it, the row says nothing was kept, and no share appears.
 */
import assert from 'node:assert/strict'
import { truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe } from 'node:test'
import type { Browser } from 'playwright-core'
import { cleanupAll, startDaemon, tempDir, uniqueNetwork, waitFor, type Daemon } from '../support/index.js'
import { launchBrowser, openUi, showView, stepWithDiagnostics, type UiPage } from './support/ui.js'

describe('web UI: sharing as a job', { timeout: 180_000 }, () => {
  let daemon: Daemon
  let browser: Browser
  let ui: UiPage
  let image: string

  before(async () => {
    const dir = await tempDir('ui-share-jobs')
    image = join(dir, 'disk.img')
    await writeFile(image, '')
    // 1 TiB, sparse: hashing it takes far longer than the test.
    await truncate(image, 2 ** 40)
    daemon = await startDaemon({ name: 'ui-jobs', network: uniqueNetwork() })
    browser = await launchBrowser()
    ui = await openUi(browser, daemon)
  })

  after(cleanupAll)

  const step = stepWithDiagnostics(() => ui?.problems ?? [])

  step('a large file shows its hashing progress, and Cancel stops it with nothing kept', async () => {
    const panel = await showView(ui.page, 'Share')
    await panel.getByLabel('Path to share').fill(image)
    await panel.getByRole('button', { name: 'Share', exact: true }).click()
    const jobs = panel.getByRole('region', { name: /Being shared/ })
    const bar = jobs.getByRole('progressbar', { name: 'Hashing disk.img' })
    await bar.waitFor({ timeout: 30_000 })
    await waitFor(async () => /[1-9][\d.]* (KiB|MiB|GiB) of 1\.0 TiB/.test(await bar.getAttribute('aria-valuetext') ?? ''), {
      what: 'bytes hashed to show', timeoutMs: 30_000, diagnose: async () => await bar.getAttribute('aria-valuetext')
    })
    assert.match(await jobs.innerText(), /Speed/)
    assert.match(await jobs.innerText(), /Time left/)
    await jobs.getByRole('button', { name: 'Cancel' }).click()
    await jobs.getByText('Cancelled; nothing of it was kept.').waitFor({ timeout: 5_000 })
    assert.deepEqual(await daemon.client.shares({}), [])
    assert.equal((await daemon.client.shareJobs({}))[0]?.state, 'cancelled')
    assert.deepEqual(ui.problems, [])
  })
})
