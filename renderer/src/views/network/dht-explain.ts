/**
 * What the Network view says about the DHT, as pure functions: a bucket's
 * name, what the routing table's shape means for this node, and how a root
 * is shown (by its share's name when this node knows it).
 */
import { countOf, type DhtView } from '../../../../shared/index.js'

/** A bucket's name: the first bits of the IDs it holds, or "all IDs" for a table that has not split. */
export function bucketLabel (prefix: string, depth: number): string {
  return prefix === '' || depth === 0 ? 'all IDs' : `${prefix}…`
}

/** Why the routing table looks the way it does, and what that means for finding shares. */
export function routingTableNote (dht: Pick<DhtView, 'buckets' | 'kBucketSize' | 'routingTableSize'>): string {
  const k = dht.kBucketSize
  const peers = countOf(dht.routingTableSize, 'peer')
  if (dht.routingTableSize === 0) {
    return 'No DHT peers yet: shares can still be fetched from a link\'s addresses or from peers on the LAN, but a bare root cannot be looked up until a bootstrap peer or another node is known.'
  }
  if (dht.buckets.length <= 1) {
    const fit = dht.routingTableSize === 1 ? 'Its one peer fits' : `All ${peers} fit`
    return `${fit} in one bucket: a bucket splits only once it holds k = ${k}, so a small network has one. Every lookup asks these peers directly; with more peers, the table splits and a lookup still needs only a few hops.`
  }
  return `The ${peers} are spread over ${countOf(dht.buckets.length, 'bucket')} by the first bits of their IDs; each holds up to k = ${k}. The deepest buckets hold the peers closest to this node, which the DHT asks to store and find provider records near its own ID.`
}

/** A root as a row names it: the share's name when known, else "a share this node does not have". */
export function shareLabel (root: string, name: string | undefined): { readonly title: string, readonly detail: string } {
  return name != null ? { title: name, detail: shortRoot(root) } : { title: 'Someone else\'s share', detail: shortRoot(root) }
}

/** "bafkreiabcd…wxyz12": a root short enough for a table cell; the full one goes in a title. */
export function shortRoot (root: string): string {
  return root.length <= 20 ? root : `${root.slice(0, 10)}…${root.slice(-6)}`
}
