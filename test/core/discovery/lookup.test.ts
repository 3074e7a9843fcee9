/** Looking a share up: the first good manifest from link, connected or DHT peers, in-process against memory peers. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { lookupManifest } from '../../../electron/core/discovery/lookup.js'
import { PROTOCOL_MANIFEST } from '../../../electron/core/protocol/constants.js'
import { memoryShare, swarmPerTest } from '../transfer/support/memory-swarm.js'

describe('lookup', () => {
  const swarmOf = swarmPerTest()
  const lookup = async (root: Parameters<typeof lookupManifest>[1], links: string[], searchDht = true, ms = 5_000): ReturnType<typeof lookupManifest> =>
    lookupManifest({ finder: swarmOf().finder, dialer: swarmOf() }, root, links, { signal: AbortSignal.timeout(ms), searchDht })

  it('fetches the manifest from the link\'s peer', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(3)
    const peer = await swarm.addPeer(share)
    const found = await lookup(share.cid, [peer.link])
    assert.equal(found.manifest.name, share.manifest.name)
    assert.equal(found.manifest.chunkCount, 3)
    assert.equal(found.providers, 1)
  })

  it('finds a provider through the DHT when nobody else has it', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(3)
    const peer = await swarm.addPeer(share)
    swarm.providers = [peer.id]
    const found = await lookup(share.cid, [])
    assert.equal(found.manifest.size, share.manifest.size)
  })

  it('does not wait for a slow link peer when a connected peer has the manifest', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(3)
    const slow = await swarm.addPeer(share)
    const connected = await swarm.addPeer(share)
    slow.holdProtocol(PROTOCOL_MANIFEST)
    swarm.connected = [connected.id]
    const found = await lookup(share.cid, [slow.link])
    assert.equal(found.manifest.name, share.manifest.name)
    assert.equal(found.providers, 2)
  })

  it('says no providers when nobody has it and the DHT is not asked', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(3)
    const peer = await swarm.addPeer(share)
    swarm.providers = [peer.id]
    await assert.rejects(lookup(share.cid, [], false), (err: { code?: string }) => err.code === 'no-providers')
  })

  it('says no providers when the search runs out of time', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(3)
    const peer = await swarm.addPeer(share)
    peer.holdProtocol(PROTOCOL_MANIFEST)
    await assert.rejects(lookup(share.cid, [peer.link], true, 300), (err: { code?: string }) => err.code === 'no-providers')
  })

  it('reports the bad manifest when the only holder sends one', async () => {
    const swarm = swarmOf()
    const share = await memoryShare(3)
    const liar = await swarm.addPeer(await memoryShare(3), { claims: share.root })
    await assert.rejects(lookup(share.cid, [liar.link]), (err: { code?: string }) => err.code === 'manifest-invalid')
  })
})
