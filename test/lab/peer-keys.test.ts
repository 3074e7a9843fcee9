/**
 * Reproducible identities: the same seed and index give the same key and
 * PeerId, written where the engine reads its peer key. (The lab-up test
 * checks that a daemon started on such a profile runs under that PeerId.)
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { privateKeyFromProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { PEER_KEY_FILE, derivedPeerId, writeDerivedPeerKey } from '../../electron/lab/peer-keys.js'
import { cleanupAll, tempDir } from '../support/index.js'

after(cleanupAll)

describe('lab peer keys', () => {
  it('are the same for the same seed and index, and differ otherwise', async () => {
    assert.equal(await derivedPeerId('s', 0), await derivedPeerId('s', 0))
    assert.notEqual(await derivedPeerId('s', 0), await derivedPeerId('s', 1))
    assert.notEqual(await derivedPeerId('s', 0), await derivedPeerId('t', 0))
  })

  it('are written as the profile\'s peer key, readable as a libp2p private key', async () => {
    const dir = await tempDir('keys')
    const peerId = await writeDerivedPeerKey(join(dir, 'n3'), 'seed', 3)
    const key = privateKeyFromProtobuf(await readFile(join(dir, 'n3', PEER_KEY_FILE)))
    assert.equal(key.type, 'Ed25519')
    assert.equal(peerIdFromPrivateKey(key).toString(), peerId)
    assert.equal(peerId, await derivedPeerId('seed', 3))
  })
})
