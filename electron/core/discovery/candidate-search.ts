/**
 * The one order in which PeerShare looks for peers that may hold a root, for
 * a lookup and for a download alike: the addresses a link carries, then the
 * peers already connected, then the DHT's provider records. Each cheap source
 * gets a moment (SOURCE_GRACE) to be dealt with before the next one adds its
 * traffic, so the first answer does not queue behind a fan-out that turns out
 * to be unneeded. A download repeats the order for as long as it runs.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { DISCOVERY_INTERVAL, DISCOVERY_RETRY, SOURCE_GRACE } from '../defaults.js'
import { log } from '../logger.js'
import type { Candidate, ProviderFinder } from './provider-finder.js'
import type { LookupCause } from '../../../shared/index.js'
import type { CID } from 'multiformats/cid'

const logger = log('discovery')

export interface CandidateSearchComponents {
  finder: Pick<ProviderFinder, 'fromLink' | 'connected' | 'fromDht'>
}

export interface CandidateSearchInit {
  root: CID
  /** What to ask the DHT for: a private share's locator; default the root. */
  dhtKey?: CID
  /** The link's addresses (each ending in /p2p/<id>); read at every round, as another link for the root may add some. */
  linkPeers(): readonly string[]
  /** Whether to ask the DHT (not when its routing table is empty: nobody to ask). Default true. */
  searchDht?: boolean
  /** Why the DHT is asked, for its lookup trace. Default 'discovery' (a download's). */
  dhtCause?: LookupCause
}

/** Deals with one candidate (asks it for the manifest, or which chunks it has); its errors are its own business. */
export type Consider = (candidate: Candidate, signal: AbortSignal) => Promise<void>

export interface RoundOptions {
  signal: AbortSignal
  /** How long this round's DHT search may take, ms. Default: until the signal ends it or no provider is left. */
  dhtTimeout?: number
}

export interface RunOptions {
  signal: AbortSignal
  /** How long to wait before the next round, ms, asked after each one; undefined ends the search. */
  pause(): number | undefined
  /** Asked every DISCOVERY_RETRY during a pause: true ends it, and the next round starts (something is needed sooner). A pause lasts at least DISCOVERY_RETRY, or its whole length when shorter. Default: never. */
  soon?(): boolean
}

export class CandidateSearch {
  private readonly components: CandidateSearchComponents
  private readonly init: CandidateSearchInit

  constructor (components: CandidateSearchComponents, init: CandidateSearchInit) {
    this.components = components
    this.init = init
  }

  /**
   * One pass: link, then connected peers, then the DHT. Returns when the DHT
   * search ends; the candidates it found may still be being dealt with.
   */
  async round (consider: Consider, options: RoundOptions): Promise<void> {
    const { signal } = options
    const { finder } = this.components
    if (signal.aborted) return
    await this.settle(await this.ask('link', async () => finder.fromLink(this.init.linkPeers())), consider, signal)
    if (signal.aborted) return
    await this.settle(await this.ask('connected', async () => finder.connected()), consider, signal)
    if (signal.aborted || this.init.searchDht === false) return
    const dht = options.dhtTimeout == null ? signal : AbortSignal.any([signal, AbortSignal.timeout(options.dhtTimeout)])
    try {
      for await (const c of finder.fromDht(this.init.dhtKey ?? this.init.root, { signal: dht, cause: this.init.dhtCause })) void this.tell(consider, c, signal)
    } catch (err) {
      if (!dht.aborted) logger.error('%s: asking the DHT failed: %s', this.init.root, (err as Error).message)
    }
  }

  /** Rounds until the signal ends them or `pause` says stop (or `soon` cuts a pause short); each round's DHT search lasts at most DISCOVERY_INTERVAL. */
  async run (consider: Consider, options: RunOptions): Promise<void> {
    const { signal } = options
    while (!signal.aborted) {
      await this.round(consider, { signal, dhtTimeout: DISCOVERY_INTERVAL })
      const wait = options.pause()
      if (wait == null) return
      // At least one step of the pause always passes, so rounds never run back to back.
      const until = Date.now() + wait
      do {
        await delay(Math.max(0, Math.min(until - Date.now(), DISCOVERY_RETRY)), undefined, { signal }).catch(() => {})
      } while (!signal.aborted && Date.now() < until && options.soon?.() !== true)
    }
  }

  /** One source's candidates; a source that fails is logged and skipped, so the others still get their turn. */
  private async ask (source: Candidate['source'], list: () => Promise<Candidate[]>): Promise<Candidate[]> {
    try {
      return await list()
    } catch (err) {
      logger.error('%s: asking %s peers failed, trying the next source: %s', this.init.root, source, (err as Error).message)
      return []
    }
  }

  /** Tells every candidate, then waits until all were dealt with or the grace period is over. */
  private async settle (candidates: readonly Candidate[], consider: Consider, signal: AbortSignal): Promise<void> {
    if (candidates.length === 0) return
    const told = candidates.map(async c => { await this.tell(consider, c, signal) })
    const grace = new AbortController()
    try {
      await Promise.race([Promise.allSettled(told), delay(SOURCE_GRACE, undefined, { signal: AbortSignal.any([signal, grace.signal]) }).catch(() => {})])
    } finally {
      grace.abort()
    }
  }

  private async tell (consider: Consider, c: Candidate, signal: AbortSignal): Promise<void> {
    try {
      await consider(c, signal)
    } catch (err) {
      logger.error('%s: dealing with candidate %s (%s) failed: %s', this.init.root, c.peerId, c.source, (err as Error).message)
    }
  }
}
