/**
 * `npm run screenshots`: pictures of every view for docs/screenshots/, taken
 * from real daemons with real data, not mock-ups. Three daemons on a
 * private loopback network: A shares a video and a folder of photos; B has
 * fetched the photos and is fetching the video under a download cap, so the
 * Transfers view shows one finished and one running download and the
 * bandwidth chart has something to draw; C is one more peer. Light theme,
 * 1280x800; the Network view is scrolled to its charts.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { MiB, cleanupAll, dialAddr, randomFile, startDaemon, tempDir, uniqueNetwork, waitFor } from '../support/index.js'
import { downloadLink, itemNamed, launchBrowser, openUi, shareByPath, showView } from './support/ui.js'

/** docs/screenshots in the source tree (this file runs from dist/test/e2e/). */
const OUT_DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))

/** Takes a view's picture; `from` names a heading to scroll to the top first (the Network view's charts sit below its facts). */
async function snap (page: Page, view: 'Share' | 'Transfers' | 'Peers' | 'Network' | 'Settings', from?: string): Promise<void> {
  const panel = await showView(page, view)
  if (from != null) await panel.getByRole('heading', { name: from }).evaluate(el => { el.closest('section')?.scrollIntoView() })
  // Let charts draw and polls land.
  await page.waitForTimeout(800)
  const file = join(OUT_DIR, `${view.toLowerCase()}.png`)
  await page.screenshot({ path: file })
  process.stdout.write(`wrote ${file}\n`)
}

async function main (): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true })
  const network = uniqueNetwork()
  const src = await tempDir('shots-src')
  const photos = join(src, 'trip-photos')
  await mkdir(photos)
  for (const [i, size] of [3, 2, 4].entries()) await randomFile(photos, size * MiB, `IMG_20${40 + i}.jpg`)
  const video = await randomFile(src, 96 * MiB, 'holiday-2026.mp4')

  // Profiles named like people's, since the header shows the profile's name.
  const home = await tempDir('shots-home')
  const profile = async (name: string): Promise<{ profileDir: string, extraArgs: string[] }> => {
    await mkdir(join(home, name, 'Downloads'), { recursive: true })
    return { profileDir: join(home, name), extraArgs: ['--download-dir', join(home, name, 'Downloads')] }
  }
  const a = await startDaemon({ name: 'alice', network, ...await profile('alice') })
  const b = await startDaemon({ name: 'bob', network, bootstrap: [dialAddr(a)], ...await profile('bob') })
  await startDaemon({ name: 'carol', network, bootstrap: [dialAddr(a)], ...await profile('carol') })

  const browser = await launchBrowser()
  const uiA = await openUi(browser, a, { colorScheme: 'light' })
  const uiB = await openUi(browser, b, { colorScheme: 'light' })

  await shareByPath(uiA.page, photos, 'trip-photos')
  const videoItem = await shareByPath(uiA.page, video.path, 'holiday-2026.mp4')
  const photoLink = await itemNamed(uiA.page, 'Shares', 'trip-photos').getByLabel('Link', { exact: true }).inputValue()
  const videoLink = await videoItem.getByLabel('Link', { exact: true }).inputValue()

  await downloadLink(uiB.page, photoLink)
  await waitFor(async () => (await b.client.transfers({})).some(t => t.name === 'trip-photos' && t.state === 'done'), { what: 'the photos to arrive', timeoutMs: 60_000 })
  await b.client.updateSettings({ downloadLimit: 1 * MiB })
  await downloadLink(uiB.page, videoLink)
  await waitFor(async () => (await b.client.transfers({})).some(t => t.name === 'holiday-2026.mp4' && t.bytesDone > 16 * MiB), { what: 'the video to be well under way', timeoutMs: 60_000 })

  await itemNamed(uiA.page, 'Shares', 'holiday-2026.mp4').getByRole('button', { name: 'QR code' }).click()
  await snap(uiA.page, 'Share')
  await showView(uiB.page, 'Transfers')
  await itemNamed(uiB.page, 'Downloads', 'holiday-2026.mp4').getByText(/peers?$/).first().click()
  await snap(uiB.page, 'Transfers')
  await snap(uiB.page, 'Peers')
  await snap(uiB.page, 'Network', 'Bandwidth')
  await snap(uiB.page, 'Settings')
}

try {
  await main()
} finally {
  await cleanupAll()
}
