/**
 * A private share's locator and proofs, as a peer meets them: a proof works
 * only between the two peers it was made for and only with the secret it
 * was made from; the locator tells nothing of the root and changes with the
 * secret; the key ring survives a restart and a rotation refuses the old link.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { CID } from 'multiformats/cid'
import { newSecret, locatorOf, ShareKeys, proverOf } from '../../../electron/core/access/index.js'
import { Store } from '../../../electron/core/library/store.js'
import { looksLikeSecret } from '../../../shared/index.js'
import { cleanupAll, registerCleanup, tempDir } from '../../support/index.js'
import { after } from 'node:test'

after(cleanupAll)

const ROOT = CID.parse('bafkreidqji6olmgker75rh2zcjplprmvnf7cs6yimvqnuphrrlha7vqoey')

async function peer (): Promise<string> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()
}

async function keyRing (self: string): Promise<{ keys: ShareKeys, store: Store, dir: string }> {
  const dir = await tempDir('share-keys')
  const store = new Store({ path: dir })
  await store.start()
  registerCleanup('stop store', async () => { await store.stop() })
  const keys = new ShareKeys({ store, self })
  await keys.load()
  return { keys, store, dir }
}

describe('private share secrets', () => {
  it('makes secrets a link can carry, each different', () => {
    const a = newSecret()
    assert.ok(looksLikeSecret(a), a)
    assert.notEqual(a, newSecret())
  })

  it('accepts a proof only from the peer it was made for, to the server it was made for, with the right secret', async () => {
    const [server, requester, other] = [await peer(), await peer(), await peer()]
    const secret = newSecret()
    const { keys } = await keyRing(server)
    await keys.set(ROOT.toString(), secret)
    const asServer = { toString: () => server } as never
    const proof = proverOf(secret, ROOT, requester)(asServer)!
    assert.equal(proof.byteLength, 32, 'an HMAC-SHA256')
    assert.ok(keys.allows(ROOT.toString(), requester, proof), 'the holder of the link is let in')
    assert.ok(!keys.allows(ROOT.toString(), other, proof), 'a proof replayed by another peer is refused')
    assert.ok(!keys.allows(ROOT.toString(), requester, new Uint8Array()), 'no proof is refused')
    assert.ok(!keys.allows(ROOT.toString(), requester, proverOf(newSecret(), ROOT, requester)(asServer)!), 'a wrong secret is refused')
    const toOtherServer = proverOf(secret, ROOT, requester)({ toString: () => other } as never)!
    assert.ok(!keys.allows(ROOT.toString(), requester, toOtherServer), 'a proof made for another server is refused')
    assert.ok(keys.allows('bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', requester, new Uint8Array()), 'a public root needs no proof')
  })

  it('announces a private root under a locator that is neither the root nor the same for another secret', () => {
    const secret = newSecret()
    const locator = locatorOf(secret, ROOT)
    assert.notEqual(locator.toString(), ROOT.toString())
    assert.equal(locator.toString(), locatorOf(secret, ROOT).toString(), 'every holder of the link finds the same locator')
    assert.notEqual(locator.toString(), locatorOf(newSecret(), ROOT).toString())
    assert.equal(locator.version, 1, 'a CIDv1, which kad-dht takes as a key')
  })

  it('keeps its keys across a restart; a rotation refuses the old link and a public root asks for nothing', async () => {
    const [server, requester] = [await peer(), await peer()]
    const { keys, store } = await keyRing(server)
    const first = newSecret()
    await keys.set(ROOT.toString(), first)
    const again = new ShareKeys({ store, self: server })
    await again.load()
    assert.equal(again.secretOf(ROOT.toString()), first)
    assert.equal(again.dhtKeyOf(ROOT.toString()).toString(), locatorOf(first, ROOT).toString())
    assert.equal(again.rootOfLocator(locatorOf(first, ROOT).toString()), ROOT.toString())

    const second = newSecret()
    await again.set(ROOT.toString(), second)
    const asServer = { toString: () => server } as never
    assert.ok(!again.allows(ROOT.toString(), requester, proverOf(first, ROOT, requester)(asServer)!), 'the old link is refused')
    assert.ok(again.allows(ROOT.toString(), requester, proverOf(second, ROOT, requester)(asServer)!), 'the new one works')

    await again.remove(ROOT.toString())
    assert.equal(again.dhtKeyOf(ROOT.toString()).toString(), ROOT.toString(), 'a public root is announced as itself')
    const reloaded = new ShareKeys({ store, self: server })
    await reloaded.load()
    assert.equal(reloaded.isPrivate(ROOT.toString()), false)
  })
})
