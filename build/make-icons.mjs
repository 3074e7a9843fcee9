// Renders build/icon.svg into the PNG icons electron-builder and the app use:
// build/icon.png (512x512) and build/icons/<size>x<size>.png. Runs Debian's
// Chromium through playwright-core, so nothing is downloaded; run it again
// after changing the SVG and commit the PNGs.
//   node build/make-icons.mjs
import { chromium } from 'playwright-core'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const svg = await readFile(path.join(here, 'icon.svg'), 'utf8')
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage']
})
try {
  await mkdir(path.join(here, 'icons'), { recursive: true })
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 })
    const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
    await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${dataUrl}" width="${size}" height="${size}" style="display:block"></body></html>`)
    await page.waitForFunction(() => document.images[0]?.complete === true)
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
    await writeFile(path.join(here, 'icons', `${size}x${size}.png`), png)
    if (size === 512) await writeFile(path.join(here, 'icon.png'), png)
    await page.close()
  }
} finally {
  await browser.close()
}
process.stdout.write(`icons: ${SIZES.map(s => `${s}x${s}`).join(', ')} and icon.png written to ${here}\n`)
