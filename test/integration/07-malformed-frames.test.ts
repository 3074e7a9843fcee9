/**
 * Wire-level abuse of the chunk protocol from a raw libp2p node: a length
 * prefix claiming 100 MiB, and garbage that is not a protobuf message. The
 * server must drop such streams at once, and keep serving honest peers.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, test } from 'node:test'
import { multiaddr } from '@multiformats/multiaddr'
import {
  CHUNK_PROTOCOL, MiB, cleanupAll, createRawNode, dialAddr, encodeVarint, randomFile, readUntilClosed, sendAll, sha256File,
  startDaemon, tempDir, uniqueNetwork, waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import { shareAndWait } from '../../shared/index.js'

after(cleanupAll)

/** How quickly a bounded server must give up on a bad frame. */
const DROP_WITHIN_MS = 5_000

test('malformed and oversized chunk-protocol frames are dropped and the node keeps serving', { timeout: 90_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  const seeder = await startDaemon({ name: 'seeder', network })
  const original = await randomFile(await tempDir('data'), 6 * MiB, 'target.bin')
  const share = await shareAndWait(seeder.client, original.path)
  const raw = await createRawNode()
  const target = multiaddr(dialAddr(seeder))

  await t.test('a length prefix claiming 100 MiB', async (t) => {
    const stream = await raw.dialProtocol(target, CHUNK_PROTOCOL)
    // The claimed length, then a little of the "body"; our side stays open so only the server can end it.
    await sendAll(stream, encodeVarint(100 * MiB))
    await sendAll(stream, new Uint8Array(1024))
    const outcome = await readUntilClosed(stream, DROP_WITHIN_MS)
    t.diagnostic(`stream outcome: ${JSON.stringify(outcome)}`)
    assert.notEqual(outcome.how, 'open', `the server kept the stream open for ${DROP_WITHIN_MS} ms: ${JSON.stringify(outcome)}`)
    assert.equal(outcome.bytesReceived, 0, `no chunk data was sent in answer: ${JSON.stringify(outcome)}`)
  })

  await t.test('garbage bytes with a small, valid length', async (t) => {
    const stream = await raw.dialProtocol(target, CHUNK_PROTOCOL)
    // 0x07 is field 0 with wire type 7, which no protobuf decoder accepts; the rest is random.
    const garbage = new Uint8Array([0x07, ...randomBytes(63)])
    await sendAll(stream, encodeVarint(garbage.length))
    await sendAll(stream, garbage)
    const outcome = await readUntilClosed(stream, DROP_WITHIN_MS)
    t.diagnostic(`stream outcome: ${JSON.stringify(outcome)}`)
    assert.notEqual(outcome.how, 'open', `the server kept the stream open for ${DROP_WITHIN_MS} ms: ${JSON.stringify(outcome)}`)
  })

  await t.test('an honest download from the same node still works', async () => {
    assert.equal(seeder.exited, false, 'the seeder is still running')
    const downloader = await startDaemon({ name: 'downloader', network, bootstrap: [dialAddr(seeder)] })
    const out = await tempDir('out')
    const started = await downloader.client.download({ link: share.link, outDir: out })
    const done = await waitForTransfer(downloader, started.id, { until: 'done', timeoutMs: 40_000 })
    assert.ok(done.path != null)
    assert.equal(await sha256File(done.path), original.sha256)
  })
}))
