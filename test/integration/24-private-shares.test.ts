/**
 * Private shares between real daemons on a private DHT: a share is private
 * unless asked otherwise; its link (with the secret after #k=) downloads it
 * intact, found through the DHT alone; without the secret, or with a wrong
 * one, a peer gets byte for byte what a root nobody has gets; the DHT holds
 * a record for the share's locator and none for its root; a third node
 * draws its chunks from the sharer and from the first downloader; a rotated
 * link refuses the old one, and a node that had downloaded keeps its files.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, test } from 'node:test'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { kadDHT, passthroughMapper, type KadDHTComponents, type SingleKadDHT } from '@libp2p/kad-dht'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import * as varint from 'uint8-varint'
import { locatorOf, proverOf } from '../../electron/core/access/index.js'
import { PROTOCOL_BLOCK, PROTOCOL_CHUNK, PROTOCOL_HAVE, PROTOCOL_MANIFEST } from '../../electron/core/protocol/constants.js'
import { BlockRequest, BlockResponse, ChunkRequest, HaveRequest, ManifestRequest, ManifestResponse, Status } from '../../electron/core/pb/messages.js'
import { decodeRootBlock } from '../../electron/core/content/paged-manifest.js'
import { formatLink, parseLink, shareAndWait } from '../../shared/index.js'
import {
  MiB, cleanupAll, createRawNode, dialAddr, lengthPrefixed, randomFile, registerCleanup, sendAll, sha256File, startDaemon, startSwarm, summarize,
  tempDir, uniqueNetwork, waitFor, waitForAnnounced, waitForRoutingTables, waitForTransfer, withLogsOnFailure
} from '../support/index.js'
import type { Libp2p, PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

after(cleanupAll)

/** Sends one request frame on a new stream and returns every byte the node answers with, until it ends the stream. */
async function ask (node: Libp2p, target: Multiaddr, protocol: string, request: Uint8Array): Promise<Uint8Array> {
  const stream = await node.dialProtocol(target, protocol, { signal: AbortSignal.timeout(10_000) })
  await sendAll(stream, lengthPrefixed(request))
  await stream.close({ signal: AbortSignal.timeout(10_000) })
  const parts: Uint8Array[] = []
  const deadline = setTimeout(() => { stream.abort(new Error('test deadline')) }, 10_000)
  try {
    for await (const buf of stream) parts.push(buf.subarray())
  } finally {
    clearTimeout(deadline)
  }
  return Buffer.concat(parts)
}

/**
 * A DHT client of the test's network that knows only `bootstrap`: what
 * anyone on the DHT can look up. Returns the providers it finds for `key`
 * within `ms` (the query ends sooner once every close peer has answered).
 */
async function dhtLookup (network: string, bootstrap: string, key: CID, ms = 15_000): Promise<string[]> {
  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    // kadDHT() is declared to return KadDHT; what it builds is the SingleKadDHT of the same types (public routingTable).
    services: { identify: identify(), ping: ping(), dht: kadDHT({ protocol: `/${network}/kad/1.0.0`, clientMode: true, peerInfoMapper: passthroughMapper }) as (components: KadDHTComponents) => SingleKadDHT }
  })
  registerCleanup('stop the DHT probe', async () => { await node.stop() }, 'processes')
  await node.start()
  try {
    await node.dial(multiaddr(bootstrap))
    await waitFor(() => node.services.dht.routingTable.size > 0, { what: 'the DHT probe to know its bootstrap peer', timeoutMs: 10_000 })
    const found = new Set<string>()
    try {
      for await (const p of node.contentRouting.findProviders(key, { signal: AbortSignal.timeout(ms) })) found.add(p.id.toString())
    } catch (err) {
      if ((err as Error).name !== 'TimeoutError' && (err as Error).name !== 'AbortError') throw err
    }
    return [...found]
  } finally {
    await node.stop()
  }
}

/** One answer's message without its varint length prefix. */
function unprefixed (bytes: Uint8Array): Uint8Array {
  return bytes.subarray(varint.encodingLength(varint.decode(bytes)))
}

/** A block digest to ask for: a large share's listing page or hash piece would be named so. */
const SOME_DIGEST = new Uint8Array(32).fill(7)

/** The four requests a downloader makes about a root, with a proof (empty for none). */
function requests (root: CID, proof: Uint8Array): Array<[string, Uint8Array]> {
  const r = root.bytes as Uint8Array<ArrayBuffer>
  const p = proof as Uint8Array<ArrayBuffer>
  return [
    [PROTOCOL_MANIFEST, ManifestRequest.encode({ root: r, proof: p })],
    [PROTOCOL_HAVE, HaveRequest.encode({ root: r, proof: p })],
    [PROTOCOL_CHUNK, ChunkRequest.encode({ root: r, index: 0, proof: p })],
    [PROTOCOL_BLOCK, BlockRequest.encode({ root: r, digest: SOME_DIGEST, proof: p })]
  ]
}

test('private shares: the link opens them, nothing else does', { timeout: 240_000 }, withLogsOnFailure(async (t) => {
  const network = uniqueNetwork()
  // node-0 only relays DHT traffic (and holds provider records, as any DHT node may): the observer.
  const [observer, sharer, first] = await startSwarm(3, { network, uploadLimit: 2 * MiB, node: i => ({ name: ['observer', 'sharer', 'first'][i] }) })
  await waitForRoutingTables([observer, sharer, first], 1)

  const original = await randomFile(await tempDir('private-data'), 8 * MiB, 'contract.bin')
  const share = await shareAndWait(sharer.client, original.path)
  const link = parseLink(share.link)
  const root = CID.parse(share.root)
  assert.equal(share.private, true, 'a new share is private')
  assert.ok(link.secret != null && share.link.endsWith(`#k=${link.secret}`), `the link carries the secret in its fragment: ${share.link}`)
  const secret = link.secret
  const locator = locatorOf(secret, root).toString()
  await waitForAnnounced(sharer, share.root)

  await t.test('the private link downloads intact', async () => {
    const out = await tempDir('private-first')
    const started = await first.client.download({ link: share.link, outDir: out })
    const done = await waitForTransfer(first, started.id, { until: 'done', timeoutMs: 60_000 })
    assert.equal(await sha256File(done.path!), original.sha256)
    assert.equal((await first.client.shares({})).find(s => s.root === share.root)?.private, true, 'the downloader seeds it as a private share')
    assert.equal(parseLink((await first.client.shares({})).find(s => s.root === share.root)!.link).secret, secret, 'with the same secret')
  })

  await t.test('without the secret, or with a wrong one, a peer gets the answer a root nobody has gets', async () => {
    const peer = await createRawNode()
    const target = multiaddr(dialAddr(sharer))
    const serverId = { toString: () => sharer.peerId } as unknown as PeerId
    const unknown = CID.createV1(raw.code, await sha256.digest(randomBytes(64)))
    const wrongSecret = randomBytes(32).toString('base64url')
    const self = peer.peerId.toString()
    const unknownAnswers = await Promise.all(requests(unknown, new Uint8Array()).map(async ([p, req]) => await ask(peer, target, p, req)))
    const tries: Array<[string, Uint8Array]> = [
      ['no proof', new Uint8Array()],
      ['a wrong secret\'s proof', proverOf(wrongSecret, root, self)(serverId)!],
      ['the first downloader\'s proof, replayed', proverOf(secret, root, first.peerId)(serverId)!],
      ['random bytes', randomBytes(32)]
    ]
    for (const [what, proof] of tries) {
      const answers = await Promise.all(requests(root, proof).map(async ([p, req]) => await ask(peer, target, p, req)))
      for (let i = 0; i < answers.length; i++) {
        assert.deepEqual(answers[i], unknownAnswers[i], `${what}: ${requests(root, proof)[i][0]} answers as for a root nobody has`)
      }
    }
    const manifest = ManifestResponse.decode(unprefixed(await ask(peer, target, PROTOCOL_MANIFEST, requests(root, proverOf(secret, root, self)(serverId)!)[0][1])))
    assert.equal(manifest.status, Status.OK, 'the same requests with the right proof are answered')
    // A listing page of the share (blocks of a version-2 manifest): only with the proof, too.
    const block = decodeRootBlock(manifest.manifest)
    assert.equal(block.version, 2, 'a new share has a paged manifest')
    const page = block.version === 2 ? block.root.pages.subarray(0, 32) as Uint8Array<ArrayBuffer> : SOME_DIGEST
    const askPage = async (proof: Uint8Array): Promise<BlockResponse> => BlockResponse.decode(unprefixed(await ask(peer, target, PROTOCOL_BLOCK, BlockRequest.encode({ root: root.bytes as Uint8Array<ArrayBuffer>, digest: page, proof: proof as Uint8Array<ArrayBuffer> }))))
    assert.equal((await askPage(new Uint8Array())).status, Status.NOT_FOUND, 'a listing page without the proof: not found, as for a root nobody has')
    assert.equal((await askPage(proverOf(wrongSecret, root, self)(serverId)!)).status, Status.NOT_FOUND, 'a listing page with a wrong secret\'s proof: not found')
    assert.equal((await askPage(proverOf(secret, root, self)(serverId)!)).status, Status.OK, 'a listing page with the proof is served')
  })

  await t.test('the DHT sees the locator, never the root: a DHT lookup finds the sharer by the locator alone and nobody by the root; a bare root or a wrong secret finds nobody', async () => {
    // Every record lands on the observer too: the swarm is smaller than k.
    const records = await waitFor(async () => {
      const dht = await observer.client.dht({})
      return dht.providerRecords.some(r => r.root === locator && r.provider === sharer.peerId) ? dht.providerRecords : undefined
    }, { what: 'the observer to hold the sharer\'s record for the locator', timeoutMs: 30_000 })
    assert.ok(!records.some(r => r.root === share.root), `no provider record for the root: ${JSON.stringify(records)}`)
    assert.ok(records.every(r => r.name == null), 'the observer cannot tell which share a locator is')

    // A DHT lookup from outside, knowing only the observer: nobody provides the bare root; the link's locator finds the sharer.
    assert.deepEqual(await dhtLookup(network, dialAddr(observer), root), [], 'no provider of the bare root')
    const providers = await dhtLookup(network, dialAddr(observer), CID.parse(locator))
    assert.ok(providers.includes(sharer.peerId), `the locator finds the sharer: ${providers.join(', ')}`)

    const stranger = await startDaemon({ name: 'stranger', network, bootstrap: [dialAddr(observer)] })
    await waitForRoutingTables([stranger], 1)
    await assert.rejects(stranger.client.lookup({ link: share.root }), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'no-providers')
      assert.match(err.message, /private share.*full link/)
      return true
    })
    const wrong = formatLink({ ...link, secret: randomBytes(32).toString('base64url') })
    await assert.rejects(stranger.client.lookup({ link: wrong }), { code: 'no-providers' })
    await stranger.stop()
  })

  await t.test('a third node, with a link that carries no address, draws chunks from the sharer and the first downloader', async () => {
    await waitForAnnounced(first, share.root)
    const third = await startDaemon({ name: 'third', network, bootstrap: [dialAddr(observer)] })
    await waitForRoutingTables([third], 1)
    const bare = formatLink({ root: share.root, peers: [], secret })
    try {
      const started = await third.client.download({ link: bare, outDir: await tempDir('private-third') })
      const done = await waitForTransfer(third, started.id, { until: 'done', timeoutMs: 60_000 })
      assert.equal(await sha256File(done.path!), original.sha256)
      t.diagnostic(`chunks from ${done.peers.map(p => `${p.peerId.slice(-6)} via ${p.foundVia}: ${p.chunksReceived}`).join(', ')}`)
      for (const from of [sharer, first]) {
        const p = done.peers.find(x => x.peerId === from.peerId)
        assert.ok(p != null && p.chunksReceived > 0, `${from.name} sent chunks: ${JSON.stringify(summarize(done))}`)
        // The link has no addresses. Found through the DHT, or already connected when the DHT's own upkeep has met it first (a small swarm under load).
        assert.ok(p.foundVia === 'dht' || p.foundVia === 'connected', `${from.name} was found without link addresses: ${p.foundVia}`)
      }
    } finally {
      // It holds the old link: gone, it cannot answer for it once the link is rotated below.
      await third.stop()
    }
  })

  await t.test('a rotated link refuses the old one; a node that had downloaded keeps its files', async () => {
    const rotated = await sharer.client.rotateLink({ root: share.root })
    const newSecret = parseLink(rotated.link).secret
    assert.ok(newSecret != null && newSecret !== secret, 'a new secret')
    await waitForAnnounced(sharer, share.root)
    assert.ok(!(await sharer.client.dht({})).announced.some(a => a.root === locator), 'the old locator is no longer announced')

    // The first downloader stops sharing it, so only the sharer could answer the old link; its files stay.
    const kept = (await first.client.transfers({})).find(t => t.root === share.root)!
    await first.client.unshare({ root: share.root })
    assert.equal(await sha256File(kept.path!), original.sha256, 'the downloaded file is untouched')

    // At the wire: the sharer answers the old link's proof as it answers a root it never heard of.
    const peer = await createRawNode()
    const target = multiaddr(dialAddr(sharer))
    const serverId = { toString: () => sharer.peerId } as unknown as PeerId
    const unknown = CID.createV1(raw.code, await sha256.digest(randomBytes(64)))
    const [oldAnswer, unknownAnswer, newAnswer] = await Promise.all([
      requests(root, proverOf(secret, root, peer.peerId.toString())(serverId)!)[0][1],
      requests(unknown, new Uint8Array())[0][1],
      requests(root, proverOf(newSecret, root, peer.peerId.toString())(serverId)!)[0][1]
    ].map(async req => await ask(peer, target, PROTOCOL_MANIFEST, req)))
    assert.deepEqual(oldAnswer, unknownAnswer, 'the old link\'s proof gets the unknown-root answer')
    assert.equal(ManifestResponse.decode(unprefixed(newAnswer)).status, Status.OK, 'the new link\'s proof is answered')

    // As a person sees it: the old link opens nothing (stale records of it may still point at stopped nodes), the new one works.
    const late = await startDaemon({ name: 'late', network, bootstrap: [dialAddr(observer)] })
    await waitForRoutingTables([late], 1)
    await assert.rejects(late.client.lookup({ link: share.link }), 'the old link opens nothing')
    const info = await late.client.lookup({ link: rotated.link })
    assert.equal(info.name, 'contract.bin', 'the new link works')
    await late.stop()
  })
}))
