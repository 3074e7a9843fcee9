/**
 * `peershare doctor` and the UI's "Diagnose": why a share does or does not
 * download, in timed steps a person can read. Is the root announced in the
 * DHT and who provides it (the lookup is kept as a trace), can each
 * provider be dialed and by which path, does it hold chunks, and can one
 * chunk be fetched and verified. The verdict says what was found and what
 * to do next.
 */
import { CID } from 'multiformats/cid'
import { DOCTOR_DIAL_TIMEOUT, DOCTOR_LOOKUP_TIMEOUT, DOCTOR_MAX_PROVIDERS } from '../defaults.js'
import { classifyAddress } from '../node/address-policy.js'
import { chunkMatches } from '../library/chunk-source.js'
import { locatorOf, proverOf } from '../access/index.js'
import { ChunkSession, fetchBlock, fetchHave, fetchManifest } from '../protocol/client.js'
import { ChunkHashes } from '../content/chunk-hashes.js'
import type { Manifest } from '../content/manifest.js'
import type { ProviderFinder } from '../discovery/provider-finder.js'
import type { KadAdapter } from '../node/kad.js'
import type { DoctorReportView, DoctorStepResult, DoctorStepView, LinkInfo } from '../../../shared/index.js'
import type { Libp2p, PeerId } from '@libp2p/interface'

export interface DoctorParts {
  readonly node: Pick<Libp2p, 'peerId' | 'dial' | 'dialProtocol'>
  readonly kad: Pick<KadAdapter, 'findProviders' | 'routingTableSize'>
  readonly finder: Pick<ProviderFinder, 'fromLink'>
  /** Whether this node itself serves the root. */
  serves(root: string): boolean
}

/** What one provider turned out to be. */
interface Provider {
  readonly peerId: PeerId
  readonly source: string
  dialed?: boolean
  chunks?: number
}

/** Runs every step; never throws for what it finds, only for a link it cannot read. */
export async function diagnose (parts: DoctorParts, link: LinkInfo, options: { signal?: AbortSignal } = {}): Promise<DoctorReportView> {
  const startedAt = Date.now()
  const steps: DoctorStepView[] = []
  const root = CID.parse(link.root)
  // A private link is diagnosed as its holders use it: its locator in the DHT, its proof with every request.
  const dhtKey = link.secret == null ? root : locatorOf(link.secret, root)
  const prove = link.secret == null ? undefined : proverOf(link.secret, root, parts.node.peerId.toString())
  const step = async <T>(name: string, run: () => Promise<{ result: DoctorStepResult, detail: string, value?: T }>): Promise<T | undefined> => {
    const began = Date.now()
    try {
      const out = await run()
      steps.push({ name, result: out.result, ms: Date.now() - began, detail: out.detail })
      return out.value
    } catch (err) {
      steps.push({ name, result: 'fail', ms: Date.now() - began, detail: (err as Error).message })
      return undefined
    }
  }
  const signal = (ms: number): AbortSignal => options.signal == null ? AbortSignal.timeout(ms) : AbortSignal.any([options.signal, AbortSignal.timeout(ms)])

  // 1. The DHT: is the root announced, and by whom.
  let traceId: string | null = null
  const providers = new Map<string, Provider>()
  const self = parts.node.peerId.toString()
  await step(link.secret == null ? 'Is the root announced in the DHT?' : 'Is the private share\'s locator announced in the DHT?', async () => {
    if (parts.kad.routingTableSize() === 0) return { result: 'fail', detail: 'This node has no DHT peers to ask: its routing table is empty. Check the bootstrap peers in Settings and that this node is online.' }
    const found: string[] = []
    for await (const info of parts.kad.findProviders(dhtKey, { signal: signal(DOCTOR_LOOKUP_TIMEOUT), cause: 'doctor', onTrace: id => { traceId = id } })) {
      const id = info.id.toString()
      if (found.includes(id)) continue
      found.push(id)
      if (id !== self) providers.set(id, { peerId: info.id, source: 'DHT' })
    }
    const others = found.filter(p => p !== self)
    if (others.length === 0) {
      return found.includes(self)
        ? { result: 'warn', detail: 'Only this node announces it.' }
        : { result: 'fail', detail: 'No provider record was found: nobody announces this root, or its records have lapsed.' }
    }
    return { result: 'pass', detail: `${others.length} ${others.length === 1 ? 'peer announces' : 'peers announce'} it${found.includes(self) ? ', and so does this node' : ''}.` }
  })

  // 2. Who else may have it: the link's peers are asked too.
  await step('Who provides it?', async () => {
    for (const c of await parts.finder.fromLink(link.peers)) if (!providers.has(c.peerId.toString())) providers.set(c.peerId.toString(), { peerId: c.peerId, source: 'the link' })
    const listed = [...providers.values()]
    if (listed.length === 0) return { result: 'fail', detail: parts.serves(link.root) ? 'Only this node serves it.' : 'Nobody: no provider in the DHT, and the link names no peer.' }
    return { result: 'pass', detail: listed.slice(0, 8).map(p => `${p.peerId.toString()} (from ${p.source})`).join('; ') + (listed.length > 8 ? `; and ${listed.length - 8} more` : '') }
  })

  // 3. Each provider: dial, then ask what it holds.
  let manifest: Manifest | undefined
  for (const p of [...providers.values()].slice(0, DOCTOR_MAX_PROVIDERS)) {
    const id = p.peerId.toString()
    await step(`Can ${id} be dialed?`, async () => {
      const connection = await parts.node.dial(p.peerId, { signal: signal(DOCTOR_DIAL_TIMEOUT) })
      p.dialed = true
      const path = connection.limits != null ? 'a relay' : `${classifyAddress(connection.remoteAddr)} (${connection.remoteAddr.toString()})`
      return { result: 'pass', detail: `Connected over ${path}${connection.rtt != null ? `, round trip ${Math.round(connection.rtt)} ms` : ''}.` }
    })
    if (p.dialed !== true) continue
    await step(`Does ${id} hold chunks?`, async () => {
      manifest ??= (await fetchManifest(parts.node, p.peerId, root, { signal: signal(DOCTOR_DIAL_TIMEOUT), prove })).manifest
      const have = await fetchHave(parts.node, p.peerId, root, manifest.chunkCount, { signal: signal(DOCTOR_DIAL_TIMEOUT), prove })
      p.chunks = have.count()
      const all = p.chunks === manifest.chunkCount
      return { result: p.chunks > 0 ? 'pass' : 'warn', detail: `It holds ${all ? 'all' : p.chunks} of ${manifest.chunkCount} chunks of "${manifest.name}".` }
    })
  }

  // 4. One chunk, fetched and verified.
  const holder = [...providers.values()].find(p => (p.chunks ?? 0) > 0)
  let verified = false
  if (holder == null || manifest == null) {
    steps.push({ name: 'Fetch and verify one chunk', result: 'skip', ms: 0, detail: 'No provider could be reached that holds chunks.' })
  } else {
    const m = manifest
    await step(`Fetch and verify one chunk from ${holder.peerId.toString()}`, async () => {
      const have = await fetchHave(parts.node, holder.peerId, root, m.chunkCount, { signal: signal(DOCTOR_DIAL_TIMEOUT), prove })
      let index = 0
      while (index < m.chunkCount && !have.get(index)) index++
      const session = new ChunkSession(parts.node, holder.peerId, root, { maxInFlight: 1, prove })
      try {
        const data = await session.request(index, { signal: signal(DOCTOR_DIAL_TIMEOUT) })
        // The chunk's hash may be in a piece of the manifest: that comes from the same peer, checked against the listing.
        const hashes = new ChunkHashes(m, { get: async digest => ({ bytes: await fetchBlock(parts.node, holder.peerId, root, digest, { signal: signal(DOCTOR_DIAL_TIMEOUT), prove }), from: holder.peerId.toString() }) })
        verified = chunkMatches(await hashes.of(index), data)
        return verified
          ? { result: 'pass', detail: `Chunk ${index} (${data.byteLength} bytes) arrived and matches the manifest's SHA-256.` }
          : { result: 'fail', detail: `Chunk ${index} arrived but does not match the manifest's SHA-256: this peer serves corrupted data.` }
      } finally {
        await session.close()
      }
    })
  }

  return { root: link.root, startedAt, steps, ok: verified, verdict: verdictOf(providers, manifest, verified, parts.serves(link.root)), traceId }
}

/** The conclusion in words. */
function verdictOf (providers: Map<string, Provider>, manifest: Manifest | undefined, verified: boolean, servedHere: boolean): string {
  const all = [...providers.values()]
  if (verified) {
    const holders = all.filter(p => (p.chunks ?? 0) > 0).length
    return `Healthy: ${holders} of ${all.length} ${all.length === 1 ? 'provider holds' : 'providers hold'} chunks, and one chunk was fetched and verified. A stalled download should resume; if it does not, pause and resume it.`
  }
  if (all.length === 0) {
    return servedHere
      ? 'Only this node serves this share: nobody else announces it.'
      : 'Nobody provides this share: the DHT has no provider record for it and the link names no peer. Ask the sharer to keep PeerShare running and sharing it, or to send a fresh link.'
  }
  if (!all.some(p => p.dialed === true)) return `${all.length} ${all.length === 1 ? 'provider is' : 'providers are'} known, but none could be dialed. They may be offline or behind a NAT; ask the sharer whether PeerShare runs, or for a link with addresses you can reach.`
  if (manifest == null) return 'Providers answer, but none sent the share\'s manifest: they no longer serve it. Ask the sharer to share it again.'
  if (!all.some(p => (p.chunks ?? 0) > 0)) return 'Providers answer, but none holds any chunk yet: they are downloading it themselves. Wait for a seeder to come online.'
  return 'A chunk was fetched but failed verification: a provider serves corrupted data. PeerShare bans such peers from a download; look for another seeder.'
}
