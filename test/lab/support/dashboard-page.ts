/**
 * The lab's dashboard open in a real Chromium (Debian's), as the dashboard
 * tests use it: a wide light page, reduced motion, the page's own problems
 * (console errors, failed requests) collected for a failing step's report.
 */
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, watchProblems } from '../../e2e/support/ui.js'
import type { TestLab } from './lab-process.js'

/** Opens `lab`'s dashboard signed in. The browser is closed at cleanup. */
export async function openDashboard (lab: TestLab): Promise<{ browser: Browser, page: Page, problems: string[] }> {
  const browser = await launchBrowser()
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme: 'light', reducedMotion: 'reduce' })
  context.setDefaultTimeout(20_000)
  const page = await context.newPage()
  const problems = watchProblems(page)
  await page.goto(lab.description.dashboard)
  return { browser, page, problems }
}
