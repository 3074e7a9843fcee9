/**
 * The only seeder of a share serves corrupted chunks. `peershare get` must
 * not wait for ever: once the seeder is banned and nobody else turns up, it
 * exits non-zero and says that the only source was banned, why, and what
 * the person can do.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import {
  MiB, cleanupAll, dialAddr, randomFile, runCli, startDaemon, tempDir, uniqueNetwork, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('when the only seeder is banned, get says so and exits', { timeout: 150_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const seeder = await startDaemon({ name: 'corrupt-seeder', network, env: { PEERSHARE_TEST_MISBEHAVE: 'corrupt' } })
  const original = await randomFile(await tempDir('data'), 4 * MiB, 'payload.bin')
  const share = await shareAndWait(seeder.client, original.path)

  const profile = await tempDir('profile-getter')
  const result = await runCli([
    'get', share.link, '--profile', profile, '--out', await tempDir('out'),
    '--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns', '--network', network, '--bootstrap', dialAddr(seeder)
  ], { timeoutMs: 120_000 })
  t.diagnostic(`exit ${result.code} after ${result.ms} ms; stderr: ${result.stderr.slice(-600)}`)
  assert.equal(result.signal, null, 'get ended by itself instead of waiting for ever')
  assert.equal(result.code, 1)
  assert.match(result.stderr, /banned/i, 'it says the seeder was banned')
  assert.match(result.stderr, /failed verification/i, 'and why')
  assert.match(result.stderr, /share it again|another source/i, 'and what to do')
}))
