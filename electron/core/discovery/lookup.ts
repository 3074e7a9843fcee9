/**
 * Looking a share up before downloading it: find someone who holds the root
 * (through the candidate search, as a download does) and fetch its manifest,
 * so a person can see the files and pick some. Nothing is written to disk.
 */
import { fileViews, type Manifest } from '../content/manifest.js'
import { NoProvidersError } from '../errors.js'
import { log } from '../logger.js'
import { fetchManifest, NotAvailableError, type Dialer } from '../protocol/client.js'
import { CandidateSearch } from './candidate-search.js'
import type { Candidate, ProviderFinder } from './provider-finder.js'
import type { ShareInfoView } from '../../../shared/index.js'
import type { Prover } from '../access/share-keys.js'
import type { AbortOptions } from '@libp2p/interface'
import type { CID } from 'multiformats/cid'

const logger = log('lookup')

export interface LookupOptions extends AbortOptions {
  signal: AbortSignal
  /** Whether to ask the DHT (false when its routing table is empty: nobody to ask). */
  searchDht: boolean
  /** The DHT key to search: a private share's locator; default the root. */
  dhtKey?: CID
  /** A private share's proofs; default none (public). */
  prove?: Prover
  /** The share's name as the link gives it, for the message when nobody has it. */
  name?: string
}

export interface LookupComponents {
  finder: ProviderFinder
  dialer: Dialer
}

/**
 * The first valid manifest any candidate serves, and how many candidates were
 * asked by then. Candidates come in the order every search uses (link,
 * connected, DHT); asking stops at the first good manifest. Throws
 * NoProvidersError when the signal ends the search first, or the last
 * manifest error when every holder sent a bad one.
 */
export async function lookupManifest (components: LookupComponents, root: CID, linkPeers: readonly string[], options: LookupOptions): Promise<{ manifest: Manifest, providers: number }> {
  const { finder, dialer } = components
  // Ends the search (and the questions still out) once a manifest is in.
  const found = new AbortController()
  const signal = AbortSignal.any([options.signal, found.signal])
  const asked = new Map<string, Promise<void>>()
  let manifest: Manifest | undefined
  let lastError: Error | undefined
  const consider = async (c: Candidate): Promise<void> => {
    const key = c.peerId.toString()
    if (asked.has(key) || manifest != null) return
    const question = (async () => {
      try {
        manifest ??= (await fetchManifest(dialer, c.peerId, root, { signal, prove: options.prove })).manifest
        found.abort()
      } catch (err) {
        if (!signal.aborted) {
          logger('%s: %s (%s) gave no manifest: %s', root, key, c.source, (err as Error).message)
          lastError = err as Error
        }
      }
    })()
    asked.set(key, question)
    await question
  }
  const source = new CandidateSearch({ finder }, { root, dhtKey: options.dhtKey, linkPeers: () => linkPeers, searchDht: options.searchDht, dhtCause: 'lookup' })
  await source.round(consider, { signal })
  await Promise.all(asked.values())
  if (manifest != null) return { manifest, providers: asked.size }
  if (lastError != null && !(lastError instanceof NotAvailableError)) throw lastError
  throw new NoProvidersError(root.toString(), options.name, 'try again', options.prove != null)
}

/** A manifest as the contract shows it. */
export function shareInfoOf (root: string, m: Manifest, providers: number): ShareInfoView {
  return { root, name: m.name, size: m.size, chunkSize: m.chunkSize, chunkCount: m.chunkCount, files: fileViews(m), providers }
}
