/**
 * What a UI watching a download sees: its progress arrives as events while
 * chunks come in (not only when the state changes), never going back, and
 * the last event says done.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import type { TransferView } from '../../shared/index.js'
import { MiB, cleanupAll, randomFile, startSwarm, tempDir, uniqueNetwork, waitForTransfer, withLogsOnFailure } from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

test('a download reports its progress as events, chunk by chunk', { timeout: 90_000 }, withLogsOnFailure(async () => {
  // About one chunk a second: slow next to the engine's four events a second, so every chunk shows.
  const [seeder, watcher] = await startSwarm(2, {
    network: uniqueNetwork(),
    node: i => i === 0 ? { name: 'seeder', uploadLimit: 1 * MiB } : { name: 'watcher' }
  })
  const original = await randomFile(await tempDir('progress-src'), 8 * MiB, 'slow.bin')
  const share = await shareAndWait(seeder.client, original.path)

  const seen: Array<{ at: number, view: TransferView }> = []
  const unsubscribe = await watcher.client.subscribe(event => {
    if (event.kind === 'transfer' && event.transfer.root === share.root) seen.push({ at: Date.now(), view: event.transfer })
  })
  try {
    const started = await watcher.client.download({ link: share.link, outDir: await tempDir('progress-out') })
    await waitForTransfer(watcher, started.id, { until: 'done', timeoutMs: 60_000 })
    await new Promise(resolve => setTimeout(resolve, 500))
  } finally {
    unsubscribe()
  }

  const downloading = seen.filter(e => e.view.state === 'downloading').map(e => e.view.chunksDone)
  const partway = new Set(downloading.filter(n => n > 0 && n < 8))
  // The first chunk is always its own event; later ones may share one when two land within the throttle's 250 ms.
  assert.ok(partway.has(1), `the first chunk was reported on its own (saw ${JSON.stringify(downloading)})`)
  assert.ok(partway.size >= 4, `progress showed at least 4 steps between 0 and 8 chunks (saw ${JSON.stringify(downloading)})`)
  assert.deepEqual(downloading, [...downloading].sort((a, b) => a - b), 'progress never goes back')
  assert.equal(seen.at(-1)?.view.state, 'done')
  assert.equal(seen.at(-1)?.view.bytesDone, 8 * MiB)
}))
