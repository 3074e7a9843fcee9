/**
 * The keyspace around one key as this node knows it: itself, the peers of
 * its routing table, the roots it announces and the roots it holds provider
 * records for, each placed by XOR distance from the key, with the k peers
 * closest to it (of those this node knows) marked.
 */
import { CID } from 'multiformats/cid'
import { commonPrefixLength, compareDistance, kadIdOf, kadIdOfPeer, log2Distance, toHex, type DhtTarget, type KadId } from '../node/kad-id.js'
import type { KadAdapter } from '../node/kad.js'
import type { KeyspacePointView, KeyspaceView } from '../../../shared/index.js'

export interface KeyspaceParts {
  readonly self: string
  readonly kad: Pick<KadAdapter, 'routingEntries' | 'k'>
  /** Roots this node announces. */
  readonly announced: readonly string[]
  /** Roots this node holds provider records for. */
  readonly recorded: readonly string[]
  /** A share's name, where this node knows it. */
  nameOf(root: string): string | null
}

/** Every point, closest to `target` first. */
export function keyspaceView (parts: KeyspaceParts, target: DhtTarget): KeyspaceView {
  const key = kadIdOf(target.key)
  const peers: Array<{ kind: 'self' | 'peer', id: string, kadId: KadId }> = [
    { kind: 'self', id: parts.self, kadId: kadIdOfPeer(parts.self) },
    ...parts.kad.routingEntries().map(e => ({ kind: 'peer' as const, id: e.peerId, kadId: e.kadId }))
  ]
  const closest = new Set([...peers].sort((a, b) => compareDistance(key, a.kadId, b.kadId)).slice(0, parts.kad.k).map(p => p.id))
  const keyPoint = (kind: 'announced' | 'record', root: string): { kind: typeof kind, id: string, kadId: KadId, name?: string } | undefined => {
    try {
      const cidKey = rootKey(root)
      const name = parts.nameOf(root)
      return { kind, id: root, kadId: kadIdOf(cidKey), ...(name != null ? { name } : {}) }
    } catch {
      return undefined
    }
  }
  const keys = [
    ...parts.announced.map(r => keyPoint('announced', r)),
    ...[...new Set(parts.recorded)].filter(r => !parts.announced.includes(r)).map(r => keyPoint('record', r))
  ].filter(p => p != null)
  const points: KeyspacePointView[] = [...peers, ...keys].map(p => ({
    ...p,
    kadId: toHex(p.kadId),
    cpl: commonPrefixLength(p.kadId, key),
    log2Distance: log2Distance(p.kadId, key),
    closest: closest.has(p.id) && (p.kind === 'self' || p.kind === 'peer')
  }))
  points.sort((a, b) => a.log2Distance - b.log2Distance)
  return { key: target.text, keyKind: target.kind, kadId: toHex(key), k: parts.kad.k, points }
}

/** What kad-dht hashes for a root: its multihash bytes. */
function rootKey (root: string): Uint8Array {
  return CID.parse(root).multihash.bytes
}
