/**
 * The lab's dashboard in a real Chromium against a real lab of four
 * daemons: every instance is drawn with the edges of its connections, a
 * click opens an instance's panel and its own UI, kill -9 and restart work
 * from the buttons, and axe finds nothing serious or critical.
 */
import assert from 'node:assert/strict'
import { after, before, describe } from 'node:test'
import type { Page } from 'playwright-core'
import { isProcessAlive } from '../../electron/host/index.js'
import { cleanupAll, waitFor } from '../support/index.js'
import { seriousViolations } from '../e2e/support/axe.js'
import { stepWithDiagnostics } from '../e2e/support/ui.js'
import { openDashboard } from './support/dashboard-page.js'
import { startLab, type TestLab } from './support/lab-process.js'

after(cleanupAll)

describe('lab dashboard', { timeout: 240_000 }, () => {
  let lab: TestLab
  let page: Page
  let problems: string[] = []
  const step = stepWithDiagnostics(() => [...problems, lab?.stderr().slice(-4000) ?? ''])
  const node = (name: string) => page.locator(`[data-node="${name}"]`)

  before(async () => {
    lab = await startLab({ size: 4, seed: 'dashboard' })
    const opened = await openDashboard(lab)
    page = opened.page
    problems = opened.problems
  })

  step('draws every instance and an edge for each live connection', async () => {
    await page.getByRole('group', { name: /^Swarm: 4 instances/ }).waitFor()
    assert.equal(await page.locator('[data-node]').count(), 4)
    for (const name of ['n0', 'n1', 'n2', 'n3']) await page.getByRole('button', { name: new RegExp(`^${name}, Ready`) }).waitFor({ timeout: 30_000 })
    // A star: each instance bootstrapped from n0, so at least those three edges.
    await waitFor(async () => await page.locator('[data-edge]').count() >= 3, { what: 'three edges drawn', timeoutMs: 30_000 })
    for (const name of ['n1', 'n2', 'n3']) assert.equal(await page.locator(`[data-edge="n0-${name}"]`).count(), 1, `an edge n0–${name}`)
    assert.deepEqual(await seriousViolations(page), [])
  })

  step("a click opens the instance's panel, and its link opens the instance's own UI", async () => {
    await node('n2').click()
    const panel = page.getByRole('region', { name: 'Instance n2' })
    await panel.waitFor()
    assert.match(await panel.textContent() ?? '', new RegExp(lab.description.instances[2].peerId))
    const link = panel.getByRole('link', { name: "Open n2's own UI" })
    const href = await link.getAttribute('href')
    assert.match(href ?? '', /^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/)
    const [own] = await Promise.all([page.context().waitForEvent('page'), link.click()])
    await own.getByRole('tablist', { name: 'Views' }).waitFor()
    await waitFor(async () => await own.title() === 'PeerShare — n2', { what: "n2's own UI to name its profile", timeoutMs: 10_000 })
    await own.close()
    assert.deepEqual(await seriousViolations(page), [], 'nothing serious with the panel open')
  })

  step('kill -9 and restart from the buttons', async () => {
    await node('n1').click()
    const panel = page.getByRole('region', { name: 'Instance n1' })
    const pid = (await lab.client.call('view', {})).instances[1].pid
    assert.ok(pid != null)
    await panel.getByRole('button', { name: 'Kill -9' }).click()
    await page.getByRole('button', { name: /^n1, Down/ }).waitFor({ timeout: 20_000 })
    assert.equal(isProcessAlive(pid), false, 'the process is gone')
    await panel.getByRole('button', { name: 'Start', exact: true }).click()
    await page.getByRole('button', { name: /^n1, Ready/ }).waitFor({ timeout: 60_000 })
    const view = await lab.client.call('view', {})
    assert.equal(view.instances[1].peerId, lab.description.instances[1].peerId, 'same PeerId after the restart')
    assert.notEqual(view.instances[1].pid, pid)
    // The timeline shows both actions.
    const timeline = view.timeline.filter(e => e.node === 'n1' && e.kind === 'lab').map(e => e.label)
    assert.ok(timeline.includes('kill -9') && timeline.includes('restart'), JSON.stringify(timeline))
    assert.deepEqual(await seriousViolations(page), [])
  })

  step('the merged log can be filtered by node', async () => {
    await page.getByLabel('Show').selectOption('n1')
    const lines = page.getByRole('log', { name: 'Merged log lines' }).locator('.log-node')
    await waitFor(async () => await lines.count() > 0, { what: 'log lines of n1', timeoutMs: 10_000 })
    assert.deepEqual([...new Set(await lines.allTextContents())], ['n1'])
  })

  step('the ground-truth panel scores a lookup against the true closest instances', async () => {
    const panel = page.getByRole('region', { name: 'DHT ground truth' })
    await panel.getByLabel('Key (root or PeerId)').fill(lab.description.instances[0].peerId)
    await panel.getByLabel('Asked from').selectOption('n3')
    await panel.getByRole('button', { name: 'Score a lookup' }).click()
    await panel.getByRole('status').filter({ hasText: /^n3 found [0-3] of the 3 closest/ }).waitFor({ timeout: 60_000 })
    const table = panel.getByRole('table', { name: 'The 3 closest instances to the key' })
    assert.equal(await table.getByRole('row').count(), 4, 'n0, n1, n2 (n3 asked) under the header')
    assert.deepEqual(await seriousViolations(page), [])
  })

  after(async () => {
    if (process.env.PEERSHARE_LAB_SCREENSHOT != null && page != null) await page.screenshot({ path: process.env.PEERSHARE_LAB_SCREENSHOT, fullPage: true }).catch(() => {})
  })
})
