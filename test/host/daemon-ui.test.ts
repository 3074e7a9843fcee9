/**
 * `peershare daemon` as a person starts it: it prints one line with the
 * address of its web UI (secret in the fragment), and that address serves
 * the built UI with its security headers, without the secret ever being
 * needed for the page itself.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const CLI = fileURLToPath(new URL('../../electron/cli/main.js', import.meta.url))

describe('peershare daemon serves the web UI', () => {
  const cleanups: Array<() => Promise<void>> = []
  after(async () => { for (const fn of cleanups.reverse()) await fn() })

  it('prints "PeerShare UI: http://127.0.0.1:<port>/#token=<secret>" and serves the page there', { timeout: 60_000 }, async () => {
    const profile = await mkdtemp(join(tmpdir(), 'peershare-daemon-ui-'))
    cleanups.push(async () => { await rm(profile, { recursive: true, force: true }) })
    const proc = spawn(process.execPath, [CLI, 'daemon', '--profile', profile, '--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns', '--network', `ui-test-${process.pid}`], { stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise(resolve => proc.once('exit', resolve))
    cleanups.unshift(async () => {
      if (proc.exitCode == null && proc.signalCode == null) proc.kill('SIGTERM')
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    })

    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error('no "PeerShare UI:" line within 30 s')) }, 30_000)
      createInterface({ input: proc.stdout }).on('line', l => {
        if (l.startsWith('PeerShare UI: ')) {
          clearTimeout(timer)
          resolve(l)
        }
      })
      proc.once('exit', code => { clearTimeout(timer); reject(new Error(`daemon exited with ${code}`)) })
    })
    const match = /^PeerShare UI: (http:\/\/127\.0\.0\.1:\d+)\/#token=([0-9a-f]+)$/.exec(line)
    assert.ok(match != null, line)
    assert.equal(match[2], (await readFile(join(profile, 'api-secret'), 'utf8')).trim())

    const res = await fetch(`${match[1]}/`)
    assert.equal(res.status, 200)
    assert.match(await res.text(), /<script type="module" src="\.\/app\.js"><\/script>/)
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/)
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer')
    assert.equal((await fetch(`${match[1]}/app.js`)).status, 200)
  })
})
