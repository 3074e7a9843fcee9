/**
 * The `app://peershare/` protocol handler, under Node with fetch's Request
 * and Response: files come only from the renderer folder (every traversal
 * is refused), every response carries the strict Content-Security-Policy,
 * and routes without a file get index.html.
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { APP_ENTRY_URL, isAppUrl } from '../../electron/main/app-origin.js'
import { CONTENT_SECURITY_POLICY, createAppRequestHandler, resolveAppPath } from '../../electron/main/app-protocol.js'

const EXPECTED_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

describe('app:// origin', () => {
  it('recognises our own pages only', () => {
    assert.equal(isAppUrl(APP_ENTRY_URL), true)
    assert.equal(isAppUrl('app://peershare/deep/route?x=1'), true)
    for (const url of ['app://other/', 'app://peershare:8080/', 'app://u@peershare/', 'https://peershare/', 'file:///index.html', 'not a url', '']) {
      assert.equal(isAppUrl(url), false, url)
    }
  })
})

describe('resolveAppPath', () => {
  const root = '/opt/peershare/renderer'

  it('maps our URLs into the renderer folder', () => {
    assert.equal(resolveAppPath(root, 'app://peershare/'), '/opt/peershare/renderer/index.html')
    assert.equal(resolveAppPath(root, 'app://peershare/index.html'), '/opt/peershare/renderer/index.html')
    assert.equal(resolveAppPath(root, 'app://peershare/assets/app.js?v=1#x'), '/opt/peershare/renderer/assets/app.js')
    assert.equal(resolveAppPath(root, 'app://peershare/a%20b.css'), '/opt/peershare/renderer/a b.css')
  })

  it('refuses traversal, encoded separators, NUL and other hosts', () => {
    for (const url of [
      'app://peershare/..%2f..%2fetc%2fpasswd',
      'app://peershare/assets/..%2F..%2F..%2Fetc/passwd',
      'app://peershare/..%5c..%5cwindows%5cwin.ini',
      'app://peershare/a%00.html',
      'app://peershare/%E0%A4%A',
      'app://evil/index.html',
      'app://peershare:1/index.html',
      'file:///etc/passwd',
      'https://peershare/index.html'
    ]) assert.equal(resolveAppPath(root, url), null, url)
    // Dot segments the URL parser removes can never climb above the root either.
    for (const url of ['app://peershare/../../etc/passwd', 'app://peershare/%2e%2e/%2e%2e/etc/passwd', 'app://peershare/a/./../../b']) {
      const resolved = resolveAppPath(root, url)
      assert.ok(resolved == null || resolved.startsWith(`${root}/`), `${url} → ${String(resolved)}`)
    }
  })
})

describe('the app: request handler', () => {
  let dir: string
  let handle: (request: Request) => Promise<Response>

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'peershare-app-protocol-'))
    await mkdir(join(dir, 'renderer', 'assets'), { recursive: true })
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>PeerShare</title>')
    await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)')
    await writeFile(join(dir, 'secret.txt'), 'outside the renderer folder')
    handle = createAppRequestHandler(join(dir, 'renderer'))
  })

  after(async () => { await rm(dir, { recursive: true, force: true }) })

  it('serves files with the strict CSP and the right type', async () => {
    assert.equal(CONTENT_SECURITY_POLICY, EXPECTED_CSP)
    const page = await handle(new Request('app://peershare/index.html'))
    assert.equal(page.status, 200)
    assert.equal(page.headers.get('content-security-policy'), EXPECTED_CSP)
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8')
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff')
    assert.equal(await page.text(), '<!doctype html><title>PeerShare</title>')
    const script = await handle(new Request('app://peershare/assets/app.js'))
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8')
    assert.equal(script.headers.get('content-security-policy'), EXPECTED_CSP)
  })

  it('answers routes with index.html and missing files with 404, both with the CSP', async () => {
    const route = await handle(new Request('app://peershare/transfers'))
    assert.equal(route.status, 200)
    assert.match(await route.text(), /PeerShare/)
    const missing = await handle(new Request('app://peershare/missing.js'))
    assert.equal(missing.status, 404)
    assert.equal(missing.headers.get('content-security-policy'), EXPECTED_CSP)
  })

  it('never serves a file outside the folder, and only GET and HEAD', async () => {
    for (const url of ['app://peershare/..%2fsecret.txt', 'app://peershare/%2e%2e/secret.txt', 'app://peershare/../secret.txt']) {
      const res = await handle(new Request(url))
      assert.notEqual(await res.text(), 'outside the renderer folder', url)
      assert.equal(res.headers.get('content-security-policy'), EXPECTED_CSP)
    }
    const post = await handle(new Request('app://peershare/index.html', { method: 'POST', body: 'x' }))
    assert.equal(post.status, 405)
  })

  it('shows a notice page when the renderer is not built', async () => {
    const bare = createAppRequestHandler(join(dir, 'no-renderer'))
    const res = await bare(new Request('app://peershare/'))
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-security-policy'), EXPECTED_CSP)
    assert.match(await res.text(), /npm run build/)
  })
})
