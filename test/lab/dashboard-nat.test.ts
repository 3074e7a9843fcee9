/**
 * The dashboard of a lab with its relay, in a real Chromium against real
 * daemons: the lab relay is drawn as a node of its own with edges to the
 * instances; putting n0 and n2 behind a NAT from their panels marks them
 * so, and the edge between them (which can then only go through the relay)
 * is labelled relayed or holepunched; axe finds nothing serious.
 */
import assert from 'node:assert/strict'
import { after, before, describe } from 'node:test'
import type { Page } from 'playwright-core'
import { cleanupAll, waitFor } from '../support/index.js'
import { seriousViolations } from '../e2e/support/axe.js'
import { stepWithDiagnostics } from '../e2e/support/ui.js'
import { openDashboard } from './support/dashboard-page.js'
import { startLab, type TestLab } from './support/lab-process.js'

after(cleanupAll)

describe('lab dashboard: the lab relay and NAT', { timeout: 240_000 }, () => {
  let lab: TestLab
  let page: Page
  let problems: string[] = []
  const step = stepWithDiagnostics(() => [...problems, lab?.stderr().slice(-4000) ?? ''])

  before(async () => {
    lab = await startLab({ size: 3, seed: 'dashboard-nat', extraArgs: ['--relay'] })
    const opened = await openDashboard(lab)
    page = opened.page
    problems = opened.problems
  })

  step('draws the lab relay as a node of its own, with edges to the instances', async () => {
    await page.getByRole('group', { name: /^Swarm: 3 instances and the lab relay/ }).waitFor()
    await page.getByRole('img', { name: /^The lab relay, ready, data limit none/ }).waitFor({ timeout: 30_000 })
    assert.equal(await page.locator('[data-node="relay"] rect').count(), 1, 'a square, not an instance\'s circle')
    await waitFor(async () => await page.locator('[data-edge$="-relay"]').count() >= 3, { what: 'an edge from every instance to the relay', timeoutMs: 30_000 })
    assert.deepEqual(await seriousViolations(page), [])
  })

  step('n0 and n2 put behind a NAT from their panels are marked so, and the edge between them goes through the relay', async () => {
    for (const name of ['n0', 'n2']) {
      await page.locator(`[data-node="${name}"]`).click()
      const panel = page.getByRole('region', { name: `Instance ${name}` })
      await panel.getByLabel('NAT').selectOption('on')
      await panel.getByRole('button', { name: 'Apply NAT' }).click()
      await panel.getByRole('status').filter({ hasText: /NAT: behind nat.* done\./ }).waitFor({ timeout: 60_000 })
      await page.getByRole('button', { name: new RegExp(`^${name}, Ready, behind NAT`) }).waitFor({ timeout: 30_000 })
    }
    const between = page.locator('[data-edge="n0-n2"] title')
    const label = await waitFor(async () => {
      const text = await between.count() === 1 ? await between.textContent() : null
      return text != null && /: (relayed|holepunched) ·/.test(text) ? text : undefined
    }, { what: 'the n0–n2 edge to be labelled relayed or holepunched', timeoutMs: 90_000, intervalMs: 1000 })
    assert.match(label, /n0 – n2: (relayed|holepunched)/)
    assert.equal(await page.locator('[data-node="n2"] .node-nat').textContent(), '⌂ behind NAT')
    assert.deepEqual(await seriousViolations(page), [])
  })

  after(async () => {
    if (process.env.PEERSHARE_LAB_SCREENSHOT != null && page != null) await page.screenshot({ path: process.env.PEERSHARE_LAB_SCREENSHOT, fullPage: true }).catch(() => {})
  })
})
