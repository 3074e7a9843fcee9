/**
 * Accessibility checks with axe-core against WCAG 2 A and AA: a view
 * passes when axe finds nothing serious or critical, and a failure lists
 * each rule with the elements it flagged, so it can be fixed from the
 * message alone.
 */
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/** Serious and critical WCAG 2 A/AA violations on the page as it is now, as readable lines. */
export async function seriousViolations (page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 5).map(n => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join(' | ')}`)
}
