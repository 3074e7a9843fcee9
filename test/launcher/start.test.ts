/**
 * `npm start`'s launcher without the Electron binary: it prints the one-line
 * notice, brings up a headless daemon for the profile that answers on its
 * loopback API, relays SIGTERM to it and exits with its code. The daemon
 * listens on loopback only, without mDNS, on a private DHT name. A second
 * `npm start` on the same profile opens the running node's UI instead.
 */
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { findElectronBinary, NO_ELECTRON_ENV } from '../../electron/launcher/electron-binary.js'
import { findDaemon, isProcessAlive, readDaemonInfo } from '../../electron/host/index.js'
import { cleanupAll, openerStandIn, waitFor } from '../support/index.js'

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..')
const nodeBin = join(root, 'node_modules', '.bin', 'node')
const launcher = join(root, 'dist', 'electron', 'launcher', 'start.js')

interface Run {
  child: ChildProcess
  stderr: () => string
  stdout: () => string
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

function launch (profile: string, extraEnv: Record<string, string> = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, BROWSER: 'true', ...extraEnv }
  // Where Electron happens to be installed, the launcher is told to behave as if it were not.
  if (findElectronBinary(import.meta.url).found) env[NO_ELECTRON_ENV] = '1'
  const child = spawn(nodeBin, [launcher, '--profile', profile, '--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns', '--network', `launcher-test-${process.pid}`], {
    cwd: root, env, stdio: ['ignore', 'pipe', 'pipe']
  })
  let err = ''
  let out = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { err += chunk })
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { out += chunk })
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>(resolve => {
    child.once('exit', (code, signal) => { resolve({ code, signal }) })
  })
  return { child, stderr: () => err, stdout: () => out, exited }
}

/** Resolves with the daemon info once it is written, or null if the launcher exits first. */
async function daemonOrExit (profile: string, run: Run, timeoutMs: number): Promise<Awaited<ReturnType<typeof readDaemonInfo>>> {
  let done = false
  void run.exited.then(() => { done = true })
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const info = await readDaemonInfo(profile)
    if (info != null) return info
    if (done) return null
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`no daemon within ${timeoutMs} ms; launcher said:\n${run.stderr()}`)
}

describe('npm start without the Electron binary', () => {
  const cleanups: Array<() => Promise<void> | void> = []
  after(async () => {
    for (const fn of cleanups.reverse()) await fn()
    await cleanupAll()
  })

  it('says so in one line and runs a headless daemon that answers', async t => {
    const profile = await mkdtemp(join(tmpdir(), 'peershare-launcher-'))
    cleanups.push(async () => { await rm(profile, { recursive: true, force: true }) })
    const run = launch(profile)
    cleanups.push(async () => {
      // Whatever happened, neither the launcher nor its daemon outlives the test.
      const info = await readDaemonInfo(profile).catch(() => null)
      if (info != null && isProcessAlive(info.pid)) process.kill(info.pid, 'SIGKILL')
      if (run.child.exitCode == null && run.child.signalCode == null) run.child.kill('SIGKILL')
    })

    const info = await daemonOrExit(profile, run, 60_000)
    const firstLine = run.stderr().split('\n')[0]
    assert.match(firstLine, /^PeerShare: the Electron binary is not installed .*the UI will open in your browser instead/)
    assert.equal(run.stderr().split('\n').filter(l => l.includes('Electron binary')).length, 1, 'the notice is one line, said once')

    if (info == null) {
      const { code } = await run.exited
      if (/Unknown option '--open'/.test(run.stderr())) {
        assert.equal(code, 2, 'the daemon\'s usage error is the launcher\'s exit code')
        t.skip('this checkout\'s `peershare daemon` has no --open flag yet (it comes with the daemon\'s UI serving); the launcher passed it and relayed the exit code')
        return
      }
      assert.fail(`the launcher exited (${String(code)}) without a daemon:\n${run.stderr()}`)
    }

    assert.notEqual(info.pid, run.child.pid, 'the daemon is the launcher\'s child')
    const found = await findDaemon(profile)
    assert.ok(found != null, 'the CLI finds the daemon through the profile')
    try {
      const status = await found.client.status({})
      assert.equal(status.peerId, info.peerId)
      assert.ok(info.addrs.every(a => a.startsWith('/ip4/127.0.0.1/')), 'loopback only')
    } finally {
      found.client.close()
    }

    run.child.kill('SIGTERM')
    const { code } = await run.exited
    assert.equal(code, 0, 'SIGTERM reaches the daemon, which stops cleanly')
    assert.equal(await readDaemonInfo(profile), null, 'the daemon removed its file')
    assert.equal(isProcessAlive(info.pid), false)
  })

  it('a second start on the same profile opens the running node\'s UI instead of starting another', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'peershare-launcher-'))
    const opener = await openerStandIn()
    const first = launch(profile)
    cleanups.push(async () => {
      const info = await readDaemonInfo(profile).catch(() => null)
      if (info != null && isProcessAlive(info.pid)) process.kill(info.pid, 'SIGKILL')
      if (first.child.exitCode == null && first.child.signalCode == null) first.child.kill('SIGKILL')
      await rm(profile, { recursive: true, force: true })
    })
    const info = await daemonOrExit(profile, first, 60_000)
    assert.ok(info != null, `the first start runs a node:\n${first.stderr()}`)

    const second = launch(profile, opener.env)
    const timer = setTimeout(() => { second.child.kill('SIGKILL') }, 30_000)
    const { code } = await second.exited
    clearTimeout(timer)
    assert.equal(code, 0, second.stderr())
    assert.match(second.stderr(), /already runs for this profile/)
    const secret = (await readFile(join(profile, 'api-secret'), 'utf8')).trim()
    const ui = `${info.api}/#token=${secret}`
    assert.match(second.stdout(), new RegExp(`PeerShare UI: ${ui.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`), 'the address printed has its token')
    const opened = await waitFor(async () => { const got = await opener.opened(); return got.length > 0 ? got : null }, { what: 'the browser to be asked to open the UI', timeoutMs: 5_000 })
    assert.deepEqual(opened, [ui])
    assert.equal((await readDaemonInfo(profile))?.pid, info.pid, 'the running node is still the one')

    first.child.kill('SIGTERM')
    assert.equal((await first.exited).code, 0)
  })
})
