/**
 * The loopback API from the outside, against a real daemon: the profile's
 * secret in the address is refused on commands (it is for the WebSocket
 * upgrade only), and a profile folder deleted under a running daemon gives
 * errors that say so instead of a bare "IO error".
 */
import assert from 'node:assert/strict'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, test } from 'node:test'
import WebSocket from 'ws'
import {
  cleanupAll, randomFile, startDaemon, tempDir, uniqueNetwork, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('the API secret is accepted in the address only on the WebSocket upgrade', { timeout: 60_000 }, withLogsOnFailure(async () => {
  const daemon = await startDaemon({ name: 'node', network: uniqueNetwork() })
  const secret = (await readFile(join(daemon.profileDir, 'api-secret'), 'utf8')).trim()

  const inQuery = await fetch(`${daemon.api}/api/status?token=${secret}`, { method: 'POST' })
  assert.equal(inQuery.status, 401, 'a command with the secret in its address is refused')
  const body = await inQuery.json() as { error: { code: string, message: string } }
  assert.match(body.error.message, /Authorization: Bearer/, 'and told where the secret goes')

  const inHeader = await fetch(`${daemon.api}/api/status`, { method: 'POST', headers: { authorization: `Bearer ${secret}` } })
  assert.equal(inHeader.status, 200)

  const ws = new WebSocket(`${daemon.api.replace('http:', 'ws:')}/api/events?token=${secret}`)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => { resolve() })
    ws.once('error', reject)
  })
  ws.close()
}))

test('a profile folder deleted under a running daemon is named in the errors', { timeout: 60_000 }, withLogsOnFailure(async (t) => {
  const daemon = await startDaemon({ name: 'node', network: uniqueNetwork() })
  const data = await tempDir('data')
  await shareAndWait(daemon.client, (await randomFile(data, 64 * 1024, 'a.bin')).path)
  await rm(daemon.profileDir, { recursive: true, force: true })

  // The store notices only when it starts a new file (after some MiB of writes): a folder of many long names gets it there.
  const many = join(data, 'many')
  await mkdir(many)
  for (let i = 0; i < 25_000; i += 500) {
    await Promise.all(Array.from({ length: 500 }, async (_, k) => { await writeFile(join(many, `${String(i + k).padStart(6, '0')}-${'x'.repeat(180)}`), '') }))
  }
  const messages: string[] = []
  for (const path of [many, (await randomFile(data, 64 * 1024, 'b.bin')).path]) {
    try {
      await shareAndWait(daemon.client, path)
      messages.push('(no error)')
    } catch (err) {
      messages.push((err as Error).message)
    }
  }
  t.diagnostic(messages.join(' | '))
  const failures = messages.filter(m => m !== '(no error)')
  assert.ok(failures.length > 0, 'saving a share into a deleted profile fails')
  for (const m of failures) {
    assert.match(m, /deleted or moved/i, `the error says what happened: ${m}`)
    assert.doesNotMatch(m, /^IO error/, `not a bare IO error: ${m}`)
  }
  assert.equal(daemon.exited, false, 'the daemon keeps running')
}))
