/**
 * Looking a share up before downloading it: find someone who holds the root
 * (link addresses, connected peers, then the DHT) and fetch its manifest, so
 * a person can see the files and pick some. Nothing is written to disk.
 */
import { fileViews, type Manifest } from '../content/manifest.js'
import { NoProvidersError } from '../errors.js'
import { log } from '../logger.js'
import { fetchManifest, NotAvailableError, type Dialer } from '../protocol/client.js'
import type { Candidate, ProviderFinder } from './provider-finder.js'
import type { ShareInfoView } from '../../../shared/index.js'
import type { AbortOptions } from '@libp2p/interface'
import type { CID } from 'multiformats/cid'

const logger = log('lookup')

export interface LookupOptions extends AbortOptions {
  signal: AbortSignal
  /** Whether to ask the DHT (false when its routing table is empty: nobody to ask). */
  searchDht: boolean
}

export interface LookupComponents {
  finder: ProviderFinder
  dialer: Dialer
}

/**
 * The first valid manifest any candidate serves, and how many candidates were
 * seen by then. Throws NoProvidersError when the signal ends the search first,
 * or the last manifest error when every holder sent a bad one.
 */
export async function lookupManifest (components: LookupComponents, root: CID, linkPeers: readonly string[], options: LookupOptions): Promise<{ manifest: Manifest, providers: number }> {
  const { finder, dialer } = components
  const seen = new Set<string>()
  let lastError: Error | undefined
  const tryOne = async (c: Candidate): Promise<Manifest | undefined> => {
    const key = c.peerId.toString()
    if (seen.has(key)) return undefined
    seen.add(key)
    try {
      return (await fetchManifest(dialer, c.peerId, root, options)).manifest
    } catch (err) {
      if (!options.signal.aborted) {
        logger('%s: %s (%s) gave no manifest: %s', root, key, c.source, (err as Error).message)
        lastError = err as Error
      }
      return undefined
    }
  }
  const firstOf = async (candidates: Candidate[]): Promise<Manifest | undefined> => {
    const results = await Promise.all(candidates.map(tryOne))
    return results.find(m => m != null)
  }

  let manifest = await firstOf(await finder.fromLink(linkPeers)) ?? await firstOf(finder.connected())
  if (manifest == null && options.searchDht) {
    try {
      for await (const c of finder.fromDht(root, options)) {
        manifest = await tryOne(c)
        if (manifest != null) break
      }
    } catch (err) {
      if (!options.signal.aborted) throw err
    }
  }
  if (manifest != null) return { manifest, providers: seen.size }
  if (lastError != null && !(lastError instanceof NotAvailableError)) throw lastError
  throw new NoProvidersError(root.toString())
}

/** A manifest as the contract shows it. */
export function shareInfoOf (root: string, m: Manifest, providers: number): ShareInfoView {
  return { root, name: m.name, size: m.size, chunkSize: m.chunkSize, chunkCount: m.chunkCount, files: fileViews(m), providers }
}
