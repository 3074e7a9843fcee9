/**
 * The lab's ground truth of the DHT: the lab knows every instance's PeerId
 * and, through each one's contract, its routing table, so for any key it
 * knows the true closest instances, which no single node can. A lookup run
 * on one instance is scored against them: "found 4 of the 5 closest".
 */
import { rankByDistance } from '../core/index.js'
import { LOOKUP_OPS, type LookupOp, type LookupTraceView } from '../../shared/index.js'
import type { LabClosestView, LabTruthView } from '../../shared/lab.js'
import { LabError, UnknownInstanceError } from './errors.js'
import type { LabMember } from './instance/member.js'

/** How many closest instances a lookup is scored against unless told otherwise. */
export const TRUTH_COUNT = 5

export interface TruthRequest {
  readonly key: string
  readonly node?: string
  readonly op?: LookupOp
  readonly count?: number
}

/** The true closest running instances to `req.key`, and the lookup of `req.node` scored against them. */
export async function groundTruth (members: readonly LabMember[], req: TruthRequest): Promise<LabTruthView> {
  if (typeof req.key !== 'string' || req.key.trim() === '') throw new LabError('bad-request', 'truth needs a key: a root CID or a PeerId.')
  const count = req.count ?? TRUTH_COUNT
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new LabError('bad-request', `count must be a whole number from 1 to 100 (got ${String(req.count)}).`)
  if (req.op != null && !LOOKUP_OPS.includes(req.op)) throw new LabError('bad-request', `Unknown lookup "${String(req.op).slice(0, 40)}": use ${LOOKUP_OPS.join(', ')}.`)
  const asker = req.node == null || req.node === '' ? undefined : members.find(m => m.name === req.node)
  if (req.node != null && req.node !== '' && asker == null) throw new UnknownInstanceError(req.node, members.map(m => m.name))
  if (asker != null && asker.contract == null) throw new LabError('bad-request', `${asker.name} is not running; start it first.`)

  const running = members.filter(m => m.contract != null)
  const tables = new Map<string, ReadonlySet<string>>()
  await Promise.all(running.map(async m => {
    const table = await m.contract?.api.routingTable({}).catch(() => undefined)
    if (table != null) tables.set(m.name, new Set(table.buckets.flatMap(b => b.peers.map(p => p.peerId))))
  }))
  const candidates = running.filter(m => m !== asker)
  const ranking = rankByDistance(req.key, candidates.map(m => m.peerId))
  if (ranking == null) throw new LabError('bad-request', `"${req.key.slice(0, 80)}" is neither a root CID nor a PeerId.`)

  let trace: LookupTraceView | null = null
  if (asker?.contract != null) trace = await asker.contract.api.dhtTrace({ target: req.key, op: req.op })
  const reached = trace == null ? undefined : reachedBy(trace)
  const byPeer = new Map(members.map(m => [m.peerId, m]))
  const closest: LabClosestView[] = ranking.ranked.slice(0, count).map(c => {
    const m = byPeer.get(c.peerId)
    const name = m?.name ?? c.peerId
    return {
      name,
      peerId: c.peerId,
      cpl: c.cpl,
      log2Distance: c.log2Distance,
      inTables: [...tables].filter(([holder, peers]) => holder !== name && peers.has(c.peerId)).length,
      inAskerTable: asker == null ? null : tables.get(asker.name)?.has(c.peerId) ?? false,
      found: reached == null ? null : reached.has(c.peerId)
    }
  })
  const found = closest.filter(c => c.found === true).length
  return {
    key: req.key,
    kadId: ranking.kadId,
    node: asker?.name ?? null,
    op: trace?.op ?? null,
    closest,
    trace,
    score: trace == null ? null : { found, of: closest.length, text: `found ${found} of the ${closest.length} closest` }
  }
}

/** The peers a lookup reached: those that took the record (provide), else those that answered. */
function reachedBy (trace: LookupTraceView): Set<string> {
  const wanted = trace.op === 'provide' ? ['stored'] : ['closer', 'providers']
  return new Set(trace.requests.filter(r => wanted.includes(r.outcome)).map(r => r.peerId))
}
