/**
 * Serving a built UI from a folder: files come out with their type, a
 * route without an extension gets index.html, and nothing outside the
 * folder is ever served, however the path is spelled.
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ApiServer } from '../../electron/host/api-server.js'
import { resolveStaticPath } from '../../electron/host/static-files.js'
import { UI_CSP_HEADER } from '../../electron/host/ui-files.js'
import { FakeEngine } from './fake-engine.js'

async function rawGet (port: number, path: string): Promise<{ status: number, body: string, type?: string, headers: Record<string, string | string[] | undefined> }> {
  return await new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, res => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), type: res.headers['content-type'], headers: res.headers }) })
    })
    req.on('error', reject)
    req.end()
  })
}

describe('static UI files', () => {
  let dir: string
  let server: ApiServer

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'peershare-static-'))
    await mkdir(join(dir, 'ui', 'assets'), { recursive: true })
    await writeFile(join(dir, 'ui', 'index.html'), '<!doctype html><title>PeerShare</title>')
    await writeFile(join(dir, 'ui', 'assets', 'app.js'), 'console.log(1)')
    await writeFile(join(dir, 'secret.txt'), 'outside')
    server = new ApiServer({ engine: new FakeEngine() }, { secret: 'c'.repeat(64), staticDir: join(dir, 'ui') })
    await server.start()
  })

  after(async () => {
    await server.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('serves index.html at / and files with their content type', async () => {
    const index = await rawGet(server.port, '/')
    assert.equal(index.status, 200)
    assert.match(index.body, /PeerShare/)
    assert.match(index.type ?? '', /text\/html/)
    const js = await rawGet(server.port, '/assets/app.js')
    assert.equal(js.status, 200)
    assert.match(js.type ?? '', /javascript/)
  })

  it('answers an extensionless route with index.html and a missing file with 404', async () => {
    assert.match((await rawGet(server.port, '/transfers/abc')).body, /PeerShare/)
    assert.equal((await rawGet(server.port, '/assets/missing.js')).status, 404)
  })

  it('sends the UI with its CSP, no MIME sniffing and no Referer', async () => {
    for (const path of ['/', '/assets/app.js']) {
      const { headers } = await rawGet(server.port, path)
      assert.equal(headers['content-security-policy'], UI_CSP_HEADER, path)
      assert.match(String(headers['content-security-policy']), /script-src 'self'; style-src 'self'/)
      assert.equal(headers['x-content-type-options'], 'nosniff', path)
      assert.equal(headers['referrer-policy'], 'no-referrer', path)
    }
  })

  it('never serves a file outside the folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00']) {
      const res = await rawGet(server.port, path)
      assert.notEqual(res.body, 'outside', path)
      assert.ok(res.status === 400 || res.status === 404 || /PeerShare/.test(res.body), `${path}: ${res.status}`)
    }
  })

  it('resolveStaticPath keeps paths inside the root', () => {
    assert.equal(resolveStaticPath('/srv/ui', '/a/b.js'), '/srv/ui/a/b.js')
    assert.equal(resolveStaticPath('/srv/ui', '/'), '/srv/ui')
    assert.equal(resolveStaticPath('/srv/ui', '/../x'), '/srv/ui/x')
    assert.equal(resolveStaticPath('/srv/ui', '/a/%2e%2e/%2e%2e/x'), '/srv/ui/x')
    assert.equal(resolveStaticPath('/srv/ui', '%2e%2e/x'), '/srv/ui/x')
    assert.equal(resolveStaticPath('/srv/ui', '/%E0%A4%A'), null)
    assert.equal(resolveStaticPath('/srv/ui', '/a%00b'), null)
  })
})
