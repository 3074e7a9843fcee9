/**
 * `peershare get` as a script would use it: it starts its own node from a
 * fresh profile, downloads a link from a running daemon, prints one JSON
 * line, and exits 0 only once the file is complete and verified.
 */
import assert from 'node:assert/strict'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { after, test } from 'node:test'
import {
  MiB, cleanupAll, dialAddr, randomFile, runCli, sha256File, startDaemon, tempDir, uniqueNetwork, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('peershare get exits 0 with the complete file', { timeout: 90_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const seeder = await startDaemon({ name: 'seeder', network })
  const original = await randomFile(await tempDir('data'), 5 * MiB + 12345, 'odd-size.bin')
  const share = await shareAndWait(seeder.client, original.path)

  const profile = await tempDir('get-profile')
  const out = await tempDir('get-out')
  const args = [
    'get', share.link, '--profile', profile, '--out', out, '--json',
    '--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns', '--network', network, '--bootstrap', dialAddr(seeder)
  ]
  const result = await runCli(args, { timeoutMs: 60_000 })
  const detail = `exit ${result.code} (${result.signal ?? 'no signal'}) after ${result.ms} ms\nstdout: ${result.stdout}\nstderr: ${result.stderr.slice(-4000)}`
  t.diagnostic(`get took ${result.ms} ms; stdout: ${result.stdout.trim().slice(0, 300)}`)
  assert.equal(result.code, 0, detail)

  const lines = result.stdout.trim().split('\n').filter(l => l.trim() !== '')
  assert.ok(lines.length >= 1, `get --json prints a JSON line: ${detail}`)
  let printed: { state?: string, path?: string } = {}
  assert.doesNotThrow(() => { printed = JSON.parse(lines[lines.length - 1]) }, `the last stdout line is JSON: ${detail}`)
  assert.equal(printed.state, 'done', `the printed transfer is done: ${detail}`)
  assert.equal(printed.path, join(out, 'odd-size.bin'), `the printed path is the file: ${detail}`)

  assert.deepEqual((await readdir(out)).filter(e => !e.startsWith('.')), ['odd-size.bin'], 'the file is in the out dir')
  assert.equal(await sha256File(join(out, 'odd-size.bin')), original.sha256, 'the bytes match')

  // Running the same command again finds the download complete and still exits 0.
  const again = await runCli(args, { timeoutMs: 30_000 })
  assert.equal(again.code, 0, `a repeated get of a finished download exits 0: exit ${again.code}\nstderr: ${again.stderr.slice(-2000)}`)
}))
