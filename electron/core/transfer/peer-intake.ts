/**
 * Brings source peers to one run of a transfer. Candidates come from the
 * candidate search (link, connected peers, DHT, repeated while the run
 * lasts); until the manifest is known each is asked for it and the first
 * valid one starts the download; then each is asked which chunks it holds
 * and joins the download. A peer that sent a hostile manifest is the
 * transfer's problem only if nobody sends a good one soon after. A peer
 * that cannot be reached for a reason the engine can tell (its relay's
 * limit and no direct path, behind a NAT with no relay, offline) is
 * remembered with that reason; when nobody else can be used for a while,
 * the run fails with it, in words, rather than wait in silence. A bare
 * root on a node connected to nobody fails at once: there is nobody to ask.
 */
import { DISCOVERY_INTERVAL, DISCOVERY_RETRY, FIND_TIMEOUT, MANIFEST_ERROR_GRACE, UNREACHABLE_GIVE_UP } from '../defaults.js'
import { BlockMismatchError, NoConnectionsError, NoProvidersError, type PeerShareError } from '../errors.js'
import { CandidateSearch } from '../discovery/candidate-search.js'
import { log } from '../logger.js'
import { fetchHave, fetchManifest, type Dialer } from '../protocol/client.js'
import { Wakeup } from '../util/wakeup.js'
import type { Download } from './download.js'
import type { Manifest } from '../content/manifest.js'
import type { Candidate, ProviderFinder } from '../discovery/provider-finder.js'
import type { Prover } from '../access/share-keys.js'
import type { CID } from 'multiformats/cid'
import type { PeerId } from '@libp2p/interface'

const logger = log('transfer')

/** Manifest errors that say the peer's manifest is bad, not that the peer is unreachable. */
const MANIFEST_ERRORS = new Set(['manifest-invalid', 'too-large', 'unsafe-path'])

export interface PeerIntakeComponents {
  dialer: Dialer
  finder: Pick<ProviderFinder, 'fromLink' | 'connected' | 'fromDht'>
  /** Why a peer cannot be reached, in words, when the engine can tell (`err`: what reaching it gave). Default: never. */
  explain?(peer: PeerId, err: unknown): Promise<PeerShareError | undefined>
  /** Whether this node is connected to nobody and expects nobody soon. Default: never. */
  isolated?(): boolean
}

export interface PeerIntakeInit {
  root: string
  cid: CID
  /** The DHT key to search: a private share's locator; default the root. */
  dhtKey?: CID
  /** A private share's proofs; default none (public). */
  prove?: Prover
  /** The share's name, when known, for messages. */
  name?: string
  /** The link's addresses, read at every round. */
  linkPeers(): readonly string[]
  /** The download, when the manifest is known already (a resumed transfer). */
  download?: Download
  /**
   * Takes the first valid manifest: returns the download it starts, and the
   * save of the manifest (which never rejects: a failed save stops the run
   * itself). Throws when the manifest does not fit the transfer (picked paths
   * it does not list).
   */
  adopt(manifest: Manifest, bytes: Uint8Array, pages: readonly Uint8Array[]): { download: Download, saved: Promise<void> }
  /** The run must stop with this error. */
  onFatal(err: Error): void
}

export class PeerIntake {
  private readonly components: PeerIntakeComponents
  private readonly init: PeerIntakeInit
  private current?: Download
  private readonly considering = new Set<string>()
  /** Peers that sent a part of the manifest that does not match its parent: never asked again in this run. */
  private readonly refused = new Set<string>()
  private lastManifestError?: Error
  /** Peers that could not be reached, with the reason the engine gave. */
  private readonly unreachable = new Map<string, PeerShareError>()
  /** Since when the download has had no source peer (undefined while it has one). */
  private idleSince?: number
  private readonly wakeup = new Wakeup()
  private readonly controller = new AbortController()
  private loop: Promise<void> = Promise.resolve()

  constructor (components: PeerIntakeComponents, init: PeerIntakeInit) {
    this.components = components
    this.init = init
    this.current = init.download
  }

  /** Starts feeding candidates until the run's signal or stop() ends it. */
  start (signal: AbortSignal): void {
    const both = AbortSignal.any([signal, this.controller.signal])
    const started = Date.now()
    const source = new CandidateSearch({ finder: this.components.finder }, { root: this.init.cid, dhtKey: this.init.dhtKey, linkPeers: this.init.linkPeers })
    const pause = (): number | undefined => {
      if (this.giveUpIfUnreachable()) return undefined
      if (this.current == null && this.init.linkPeers().length === 0 && this.components.isolated?.() === true) {
        this.init.onFatal(new NoConnectionsError(this.init.root, this.init.name))
        return undefined
      }
      if (this.current == null && Date.now() - started > FIND_TIMEOUT) {
        this.init.onFatal(new NoProvidersError(this.init.root, this.init.name, 'resume', this.init.prove != null))
        return undefined
      }
      return this.needsSources() ? DISCOVERY_RETRY : DISCOVERY_INTERVAL
    }
    // With no source, or none that has what is missing, it looks again soon; otherwise now and then.
    const soon = (): boolean => this.needsSources()
    this.loop = source.run(async (c, s) => { await this.consider(c, s) }, { signal: both, pause, soon }).catch(err => {
      if (both.aborted) return
      // Each source's failures are logged and skipped inside; what gets here is unexpected, and a
      // transfer left without discovery would wait for ever, so the run stops and says why.
      logger.error('%s: looking for peers failed: %s', this.init.root, (err as Error).message)
      this.init.onFatal(err as Error)
    })
  }

  /**
   * Fails the run with the reason a peer cannot be reached, once no peer has
   * been usable for UNREACHABLE_GIVE_UP since the first such reason; true
   * when it did.
   */
  private giveUpIfUnreachable (): boolean {
    const now = Date.now()
    const reason = this.unreachable.values().next().value
    if (reason == null || (this.current?.peerCount ?? 0) > 0) {
      this.idleSince = undefined
      return false
    }
    this.idleSince ??= now
    if (now - this.idleSince < UNREACHABLE_GIVE_UP) return false
    this.init.onFatal(reason)
    return true
  }

  /** Whether the download has no source, or none that holds a chunk still missing. */
  private needsSources (): boolean {
    return (this.current?.peerCount ?? 0) === 0 || this.current?.stalled === true
  }

  /** Stops feeding candidates; resolves once the search has ended. */
  async stop (): Promise<void> {
    this.controller.abort()
    await this.loop
  }

  /** The download, once some peer sent a valid manifest; throws the reason the run stopped, or the last manifest error. */
  async download (signal: AbortSignal): Promise<Download> {
    const started = Date.now()
    while (this.current == null) {
      signal.throwIfAborted()
      const waited = Date.now() - started
      // A peer offered a bad manifest and no good one arrived soon after: say why.
      if (this.lastManifestError != null && waited >= MANIFEST_ERROR_GRACE) throw this.lastManifestError
      await this.wakeup.wait(this.lastManifestError == null ? undefined : MANIFEST_ERROR_GRACE - waited, signal)
    }
    return this.current
  }

  /** Asks a candidate for the manifest (if still needed) and which chunks it has. */
  private async consider (c: Candidate, signal: AbortSignal): Promise<void> {
    const key = c.peerId.toString()
    if (this.considering.has(key) || this.refused.has(key) || this.current?.knows(key) === true) return
    this.considering.add(key)
    try {
      let download = this.current
      let saved: Promise<void> = Promise.resolve()
      if (download == null) {
        const { manifest, bytes, pages } = await fetchManifest(this.components.dialer, c.peerId, this.init.cid, { signal, prove: this.init.prove })
        download = this.current
        if (download == null) {
          try {
            ({ download, saved } = this.init.adopt(manifest, bytes, pages))
          } catch (err) {
            this.init.onFatal(err as Error)
            return
          }
          this.current = download
          this.wakeup.wake()
        }
      }
      const have = await fetchHave(this.components.dialer, c.peerId, this.init.cid, download.manifest.chunkCount, { signal, prove: this.init.prove })
      await saved
      // A peer that answers after the run stopped must not join a stopped download.
      if (!signal.aborted) {
        download.join(c, have)
        this.unreachable.delete(key)
      }
    } catch (err) {
      if (!signal.aborted) {
        logger('%s: candidate %s (%s) unusable: %s', this.init.root, key, c.source, (err as Error).message)
        if (err instanceof BlockMismatchError) this.refused.add(key)
        const why = await this.components.explain?.(c.peerId, err).catch(() => undefined)
        if (why != null) {
          this.unreachable.set(key, why)
          this.giveUpIfUnreachable()
        }
        if (MANIFEST_ERRORS.has((err as PeerShareError).code)) {
          this.lastManifestError = err as Error
          this.wakeup.wake()
        }
      }
    } finally {
      this.considering.delete(key)
    }
  }
}
