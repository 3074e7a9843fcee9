/**
 * The provider records this node holds, as the inspector shows them: when
 * each lapses unless announced again (kad-dht's validity after it was
 * received), whether it names this node, and the share's name where this
 * node knows it.
 */
import type { KadAdapter } from '../node/kad.js'
import type { ProviderRecordDetailView } from '../../../shared/index.js'

export interface ProviderRecordParts {
  readonly self: string
  readonly kad: Pick<KadAdapter, 'providerRecords' | 'recordValidity'>
  nameOf(root: string): string | null
}

/** Records this node holds, its own first, then by expiry. */
export async function providerRecordDetails (parts: ProviderRecordParts, limit = 1000): Promise<ProviderRecordDetailView[]> {
  const records = await parts.kad.providerRecords(limit)
  return records.map(r => ({
    root: r.root,
    provider: r.provider,
    self: r.provider === parts.self,
    receivedAt: r.receivedAt ?? null,
    expiresAt: r.receivedAt == null ? null : r.receivedAt + parts.kad.recordValidity,
    name: parts.nameOf(r.root)
  })).sort((a, b) => Number(b.self) - Number(a.self) || (a.expiresAt ?? 0) - (b.expiresAt ?? 0))
}
