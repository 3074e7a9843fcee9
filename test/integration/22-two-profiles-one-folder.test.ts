/**
 * Two profiles download the same share into the same folder at the same
 * time. Neither may delete or reuse the other's partial data: both finish,
 * byte for byte, under free names.
 */
import assert from 'node:assert/strict'
import { readdir } from 'node:fs/promises'
import { after, test } from 'node:test'
import {
  MiB, cleanupAll, dialAddr, randomFile, sha256File, startDaemon, summarize, tempDir, uniqueNetwork,
  waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('two profiles downloading into one folder at once both finish', { timeout: 120_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  // Upload-limited, so the two downloads overlap for several seconds.
  const seeder = await startDaemon({ name: 'seeder', network, uploadLimit: 4 * MiB })
  const original = await randomFile(await tempDir('data'), 8 * MiB, 'payload.bin')
  const share = await shareAndWait(seeder.client, original.path)
  const [a, b] = await Promise.all(['profile-a', 'profile-b'].map(async name => await startDaemon({ name, network, bootstrap: [dialAddr(seeder)] })))

  const out = await tempDir('shared-out')
  const [sa, sb] = await Promise.all([a, b].map(async d => await d.client.download({ link: share.link, outDir: out })))
  const [da, db] = await Promise.all([
    waitForTransfer(a, sa.id, { until: 'done', timeoutMs: 60_000 }),
    waitForTransfer(b, sb.id, { until: 'done', timeoutMs: 60_000 })
  ])
  t.diagnostic(JSON.stringify([summarize(da), summarize(db)]))
  assert.notEqual(da.path, db.path, 'each download has its own name')
  assert.equal(await sha256File(da.path!), original.sha256)
  assert.equal(await sha256File(db.path!), original.sha256)
  assert.deepEqual((await readdir(out)).filter(n => !n.startsWith('.')).sort(), ['payload (1).bin', 'payload.bin'])
}))
