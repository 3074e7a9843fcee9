/**
 * What a UI watching a download sees: its progress arrives as events while
 * chunks come in (not only when the state changes), never going back, and
 * the last event says done.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import type { TransferView } from '../../shared/index.js'
import { MiB, cleanupAll, randomFile, startSwarm, tempDir, uniqueNetwork, waitForTransfer, withLogsOnFailure } from '../support/index.js'

after(cleanupAll)

test('a download reports its progress as events, chunk by chunk', { timeout: 90_000 }, withLogsOnFailure(async () => {
  // About one chunk a second: slow next to the engine's four events a second, so every chunk shows.
  const [seeder, watcher] = await startSwarm(2, {
    network: uniqueNetwork(),
    node: i => i === 0 ? { name: 'seeder', uploadLimit: 1 * MiB } : { name: 'watcher' }
  })
  const original = await randomFile(await tempDir('progress-src'), 5 * MiB, 'slow.bin')
  const share = await seeder.client.share({ path: original.path })

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
  for (let n = 1; n < 5; n++) assert.ok(downloading.includes(n), `an event showed ${n} of 5 chunks while downloading (saw ${JSON.stringify(downloading)})`)
  assert.deepEqual(downloading, [...downloading].sort((a, b) => a - b), 'progress never goes back')
  assert.equal(seen.at(-1)?.view.state, 'done')
  assert.equal(seen.at(-1)?.view.bytesDone, 5 * MiB)
}))
