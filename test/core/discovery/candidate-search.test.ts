/** The one order in which peers holding a root are looked for: link, connected, DHT, with a grace period between. */
import assert from 'node:assert/strict'
import { afterEach, describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { CID } from 'multiformats/cid'
import { DISCOVERY_RETRY, SOURCE_GRACE } from '../../../electron/core/defaults.js'
import { CandidateSearch, type CandidateSearchComponents } from '../../../electron/core/discovery/candidate-search.js'
import { captureLogs, type CapturedLogs } from '../transfer/support/logs.js'
import type { Candidate } from '../../../electron/core/discovery/provider-finder.js'
import type { PeerId } from '@libp2p/interface'

const root = CID.parse('bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy')

async function peer (): Promise<PeerId> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
}

interface FakeFinder {
  finder: CandidateSearchComponents['finder']
  calls: string[]
}

/** A finder with fixed answers per source; `fail` makes a source throw. */
function fakeFinder (answers: { link?: PeerId[], connected?: PeerId[], dht?: PeerId[] }, fail: { link?: boolean, dht?: boolean } = {}): FakeFinder {
  const calls: string[] = []
  const as = (source: Candidate['source']) => (id: PeerId): Candidate => ({ peerId: id, source })
  return {
    calls,
    finder: {
      fromLink: async (addrs) => {
        calls.push(`link ${addrs.join(',')}`)
        if (fail.link === true) throw new Error('the peer store is closed')
        return (answers.link ?? []).map(as('link'))
      },
      connected: () => {
        calls.push('connected')
        return (answers.connected ?? []).map(as('connected'))
      },
      fromDht: async function * () {
        calls.push('dht')
        for (const id of answers.dht ?? []) yield as('dht')(id)
        if (fail.dht === true) throw new Error('the routing table is gone')
      }
    }
  }
}

let logs: CapturedLogs | undefined

describe('candidate search', () => {
  afterEach(() => {
    logs?.restore()
    logs = undefined
  })

  it('tells the link\'s peers first, then connected peers, then the DHT\'s providers', async () => {
    const [a, b, c] = [await peer(), await peer(), await peer()]
    const { finder, calls } = fakeFinder({ link: [a], connected: [b], dht: [c] })
    const told: string[] = []
    const search = new CandidateSearch({ finder }, { root, linkPeers: () => ['/ip4/198.51.100.1/tcp/1'] })
    await search.round(async cand => { told.push(`${cand.source} ${cand.peerId.toString()}`) }, { signal: AbortSignal.timeout(5_000) })
    assert.deepEqual(told, [`link ${a.toString()}`, `connected ${b.toString()}`, `dht ${c.toString()}`])
    assert.deepEqual(calls, ['link /ip4/198.51.100.1/tcp/1', 'connected', 'dht'])
  })

  it('gives a slow source SOURCE_GRACE, then asks the next without waiting for it', async () => {
    const [a, b] = [await peer(), await peer()]
    const { finder } = fakeFinder({ link: [a], connected: [b] })
    const stop = new AbortController()
    const at: Record<string, number> = {}
    let linkDone = false
    const started = Date.now()
    const search = new CandidateSearch({ finder }, { root, linkPeers: () => [] })
    await search.round(async (cand, signal) => {
      at[cand.source] = Date.now() - started
      // The link's peer takes its time (a slow dial): it answers only when the search ends.
      if (cand.source === 'link') await new Promise(resolve => signal.addEventListener('abort', resolve)).then(() => { linkDone = true })
    }, { signal: stop.signal })
    assert.equal(linkDone, false, 'connected peers were asked while the link\'s peer was still busy')
    assert.ok(at.connected >= SOURCE_GRACE - 1, `connected peers asked after the grace period (${at.connected} ms)`)
    stop.abort()
  })

  it('does not ask the DHT when told not to', async () => {
    const { finder, calls } = fakeFinder({ dht: [await peer()] })
    const search = new CandidateSearch({ finder }, { root, linkPeers: () => [], searchDht: false })
    await search.round(async () => {}, { signal: AbortSignal.timeout(5_000) })
    assert.deepEqual(calls, ['link ', 'connected'])
  })

  it('logs a source that fails and asks the next', async () => {
    const [b, c] = [await peer(), await peer()]
    const { finder } = fakeFinder({ connected: [b], dht: [c] }, { link: true, dht: true })
    const told: string[] = []
    logs = captureLogs('peershare:discovery*')
    const search = new CandidateSearch({ finder }, { root, linkPeers: () => [] })
    await search.round(async cand => { told.push(cand.source) }, { signal: AbortSignal.timeout(5_000) })
    const lines = logs.lines.join('')
    assert.deepEqual(told, ['connected', 'dht'])
    assert.match(lines, /peershare:discovery:error .*asking link peers failed.*the peer store is closed/)
    assert.match(lines, /peershare:discovery:error .*asking the DHT failed.*the routing table is gone/)
  })

  it('logs a candidate whose handling throws, and goes on', async () => {
    const [a, b] = [await peer(), await peer()]
    const { finder } = fakeFinder({ link: [a], connected: [b] })
    const told: string[] = []
    logs = captureLogs('peershare:discovery*')
    const search = new CandidateSearch({ finder }, { root, linkPeers: () => [] })
    await search.round(async cand => {
      told.push(cand.source)
      if (cand.source === 'link') throw new Error('broken candidate')
    }, { signal: AbortSignal.timeout(5_000) })
    assert.deepEqual(told, ['link', 'connected'])
    assert.match(logs.lines.join(''), /peershare:discovery:error .*broken candidate/)
  })

  it('repeats rounds, reading the link\'s addresses each time, until told to stop', async () => {
    const { finder, calls } = fakeFinder({})
    const links = [['/a'], ['/a', '/b'], ['/a', '/b', '/c']]
    let round = 0
    const search = new CandidateSearch({ finder }, { root, linkPeers: () => links[Math.min(round, 2)], searchDht: false })
    await search.run(async () => {}, { signal: AbortSignal.timeout(5_000), pause: () => ++round < 3 ? 5 : undefined })
    assert.deepEqual(calls.filter(c => c.startsWith('link')), ['link /a', 'link /a,/b', 'link /a,/b,/c'])
  })

  it('ends a pause at once when the signal aborts', async () => {
    const { finder } = fakeFinder({})
    const stop = new AbortController()
    const search = new CandidateSearch({ finder }, { root, linkPeers: () => [] })
    const started = Date.now()
    const run = search.run(async () => {}, { signal: stop.signal, pause: () => 60_000 })
    setTimeout(() => { stop.abort() }, 50)
    await run
    assert.ok(Date.now() - started < 5_000, 'stopped without waiting out the pause')
  })

  it('cuts a long pause short when more is needed soon, but never runs rounds back to back', async () => {
    const { finder, calls } = fakeFinder({})
    const search = new CandidateSearch({ finder }, { root, linkPeers: () => [], searchDht: false })
    const started = Date.now()
    await search.run(async () => {}, { signal: AbortSignal.timeout(2_500), pause: () => 60_000, soon: () => true })
    const rounds = calls.filter(c => c === 'connected').length
    assert.ok(rounds >= 2, `a pause of a minute was cut short: ${rounds} rounds`)
    assert.ok(rounds <= Math.ceil((Date.now() - started) / DISCOVERY_RETRY) + 1, `about one round per DISCOVERY_RETRY, not a busy loop: ${rounds} rounds`)
  })
})
