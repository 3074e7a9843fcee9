/**
 * Finding the UI of a running node again (issue 12, item 9), with real
 * daemons: a profile keeps its API port across restarts (so an open tab's
 * address stays right), falls back to another port when its own is taken
 * and keeps that one from then on; `peershare ui` prints the running node's
 * UI address (and with --open hands it to the desktop's opener), and says
 * how to start one when none runs.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { after, test } from 'node:test'
import { profilePath } from '../../electron/core/index.js'
import { cleanupAll, openerStandIn, runCli, startDaemon, uniqueNetwork, waitFor, withLogsOnFailure } from '../support/index.js'

after(cleanupAll)

const network = uniqueNetwork()

function portOf (api: string): number {
  return Number(new URL(api).port)
}

async function occupy (port: number): Promise<Server> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => { resolve() })
  })
  return server
}

test('a restarted node listens on its profile\'s API port again, unless it is taken', { timeout: 120_000 }, withLogsOnFailure(async () => {
  const first = await startDaemon({ name: 'keeps-port', network })
  const again = await first.restart()
  assert.equal(again.api, first.api, 'the same address after a restart')

  await again.stop()
  const squatter = await occupy(portOf(first.api))
  let moved
  try {
    moved = await again.restart()
  } finally {
    await new Promise<void>(resolve => { squatter.close(() => { resolve() }) })
  }
  assert.notEqual(moved.api, first.api, 'a taken port is not fought over: the API listens elsewhere')
  const kept = await moved.restart()
  assert.equal(kept.api, moved.api, 'the port it moved to is the one it keeps')
  await kept.stop()
}))

test('peershare ui prints (and opens) the running node\'s UI address, and says so when none runs', { timeout: 90_000 }, withLogsOnFailure(async () => {
  const daemon = await startDaemon({ name: 'ui-address', network })
  const secret = (await readFile(profilePath(daemon.profileDir, 'secret'), 'utf8')).trim()
  const expected = `${daemon.api}/#token=${secret}`

  const printed = await runCli(['ui', '--profile', daemon.profileDir], { timeoutMs: 20_000 })
  assert.equal(printed.code, 0, printed.stderr)
  assert.equal(printed.stdout.trim(), `PeerShare UI: ${expected}`)

  const json = await runCli(['ui', '--profile', daemon.profileDir, '--json'], { timeoutMs: 20_000 })
  assert.equal(json.code, 0, json.stderr)
  assert.equal((JSON.parse(json.stdout) as { ui: string }).ui, expected)

  const opener = await openerStandIn()
  const opened = await runCli(['ui', '--profile', daemon.profileDir, '--open'], { timeoutMs: 20_000, env: opener.env })
  assert.equal(opened.code, 0, opened.stderr)
  // The opener runs on after the command exits, as it would for a person.
  assert.deepEqual(await waitFor(async () => { const got = await opener.opened(); return got.length > 0 ? got : null }, { what: 'the opener to be called', timeoutMs: 5_000 }), [expected], 'the address went to the desktop\'s opener')

  await daemon.stop()
  const none = await runCli(['ui', '--profile', daemon.profileDir], { timeoutMs: 20_000 })
  assert.equal(none.code, 1)
  assert.equal(none.stdout, '')
  assert.match(none.stderr, /No PeerShare node runs for the profile .*npm start -- --profile/)
}))
