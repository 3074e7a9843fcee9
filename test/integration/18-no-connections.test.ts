/**
 * A bare root (a link without addresses) on a node connected to nobody:
 * there is nobody to ask, so a lookup says at once that this node has no
 * connections and how to get some, naming the share when the link names
 * it; over HTTP that is a 503, not a 500, and not a link error. A download
 * of it fails at once with the same words. With a connection but nobody
 * serving the share, the answer is that nobody has it (404), again by name.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, test } from 'node:test'
import { profilePath } from '../../electron/core/index.js'
import { formatLink } from '../../shared/index.js'
import { cleanupAll, startSwarm, uniqueNetwork, waitForTransfer, withLogsOnFailure, type Daemon } from '../support/index.js'

after(cleanupAll)

const ROOT = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'

/** Calls `lookup` over plain HTTP, as the browser UI does: the status and the error body. */
async function rawLookup (daemon: Daemon, link: string): Promise<{ status: number, error: { code: string, message: string } }> {
  const secret = (await readFile(profilePath(daemon.profileDir, 'secret'), 'utf8')).trim()
  const res = await fetch(`${daemon.api}/api/lookup`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ link }),
    signal: AbortSignal.timeout(60_000)
  })
  return { status: res.status, error: ((await res.json()) as { error: { code: string, message: string } }).error }
}

test('a bare root on a node with no connections is answered at once: no connections, and how to get some', { timeout: 90_000 }, withLogsOnFailure(async (t) => {
  const [lonely] = await startSwarm(1, { network: uniqueNetwork(), node: () => ({ name: 'lonely' }) })
  const link = formatLink({ root: ROOT, name: 'holiday.mp4', peers: [] })

  const started = Date.now()
  const { status, error } = await rawLookup(lonely, link)
  const ms = Date.now() - started
  t.diagnostic(`answered in ${ms} ms: ${status} ${error.code}: ${error.message}`)
  assert.equal(status, 503, 'not a 500')
  assert.equal(error.code, 'no-connections', 'not a link error')
  assert.match(error.message, /This node has no connections/)
  assert.match(error.message, /"holiday\.mp4"/, 'the share is named')
  assert.match(error.message, /bootstrap/)
  assert.match(error.message, /LAN/)
  assert.match(error.message, /link that carries the sharer's addresses/)
  // Right after start the node waits a moment for its first connections (NO_CONNECTIONS_GRACE); later it answers at once.
  assert.ok(ms < 10_000, `soon, not after a search: ${ms} ms`)
  const again = Date.now()
  assert.equal((await rawLookup(lonely, link)).error.code, 'no-connections')
  assert.ok(Date.now() - again < 2_000, `at once once the node has been up a while: ${Date.now() - again} ms`)

  const download = await lonely.client.download({ link })
  const failed = await waitForTransfer(lonely, download.id, { until: 'failed', timeoutMs: 10_000, intervalMs: 100 })
  assert.equal(failed.error?.code, 'no-connections')
  assert.match(failed.error?.message ?? '', /"holiday\.mp4"/)
}))

test('with connections but nobody serving it, a lookup says nobody has it, by name (404)', { timeout: 90_000 }, withLogsOnFailure(async () => {
  const [asker] = await startSwarm(2, { network: uniqueNetwork(), node: i => ({ name: ['asker', 'other'][i] }) })
  const { status, error } = await rawLookup(asker, formatLink({ root: ROOT, name: 'holiday.mp4', peers: [] }))
  assert.equal(status, 404)
  assert.equal(error.code, 'no-providers')
  assert.match(error.message, /No peer serving "holiday\.mp4" \(bafk/)
}))
