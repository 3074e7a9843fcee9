/**
 * How the daemon offers its web UI: the built folder is found only when it
 * holds an index.html, the signed-in address carries the secret in its
 * fragment (never in the path or query a server would see), the CSP header
 * matches the page's own meta tag, and `--open` picks the platform's opener
 * (or none on a machine without a display).
 */
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { browserCommand, openInBrowser } from '../../electron/host/open-browser.js'
import { UI_CONTENT_SECURITY_POLICY, builtUiDir, uiUrl } from '../../electron/host/ui-files.js'

describe('web UI files', () => {
  let dir: string

  before(async () => { dir = await mkdtemp(join(tmpdir(), 'peershare-ui-files-')) })
  after(async () => { await rm(dir, { recursive: true, force: true }) })

  it('finds a built UI only where index.html exists', async () => {
    assert.equal(builtUiDir(dir), undefined)
    await writeFile(join(dir, 'index.html'), '<!doctype html>')
    assert.equal(builtUiDir(dir), dir)
  })

  it('puts the secret in the fragment of the API origin', () => {
    const url = uiUrl('http://127.0.0.1:43121/', 'ab12')
    assert.equal(url, 'http://127.0.0.1:43121/#token=ab12')
    const parsed = new URL(url)
    assert.equal(parsed.pathname, '/')
    assert.equal(parsed.search, '')
  })

  it('serves the same CSP as the page declares in its meta tag', async () => {
    const html = await readFile(fileURLToPath(new URL('../../../renderer/index.html', import.meta.url)), 'utf8')
    assert.ok(html.includes(`content="${UI_CONTENT_SECURITY_POLICY}"`), 'renderer/index.html and UI_CONTENT_SECURITY_POLICY differ')
  })
})

describe('opening a browser', () => {
  const url = 'http://127.0.0.1:1/#token=x&y'

  it('uses open on macOS, start on Windows, xdg-open with a display elsewhere', () => {
    assert.deepEqual(browserCommand(url, 'darwin', {}), { command: 'open', args: [url] })
    assert.equal(browserCommand(url, 'win32', {})?.command, 'cmd')
    assert.deepEqual(browserCommand(url, 'linux', { DISPLAY: ':0' }), { command: 'xdg-open', args: [url] })
    assert.deepEqual(browserCommand(url, 'linux', { WAYLAND_DISPLAY: 'wayland-0' }), { command: 'xdg-open', args: [url] })
  })

  it('reports, never throws, when there is no display', async () => {
    const reasons: string[] = []
    assert.equal(await openInBrowser(url, r => reasons.push(r), 'linux', {}), false)
    assert.match(reasons[0], /no graphical session/)
  })
})
