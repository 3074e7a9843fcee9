/**
 * The DHT inspector's commands of the contract, bound to a running engine's
 * parts: the routing table, lookup traces (one on demand, and the log of
 * recent ones), the keyspace around a key, provider records, the doctor and
 * the metrics.
 */
import { API_DEADLINES, LOOKUP_OPS, type ApiCommandName, type ApiRequest, type ApiResponse, type LookupOp } from '../../../shared/index.js'
import { TRACE_TIMEOUT } from '../defaults.js'
import { BadRequestError } from '../errors.js'
import { diagnose, keyspaceView, providerRecordDetails, routingTableView } from '../inspect/index.js'
import { parseDhtTarget, type DhtTarget } from '../node/kad-id.js'
import { checkLink } from './links.js'
import type { EngineParts } from './parts.js'

type InspectorCommandName = 'routingTable' | 'dhtTrace' | 'dhtLookups' | 'keyspace' | 'providerRecords' | 'doctor' | 'metrics'

/** A command of the contract, given the running engine's parts. */
type RunningCommand<K extends ApiCommandName> = (parts: EngineParts, req: ApiRequest<K>) => Promise<ApiResponse<K>>

/** The inspector's commands, each wrapped by `whenRunning`. */
export function inspectorCommands (whenRunning: <K extends ApiCommandName>(command: RunningCommand<K>) => (req: ApiRequest<K>) => Promise<ApiResponse<K>>): { readonly [K in InspectorCommandName]: (req: ApiRequest<K>) => Promise<ApiResponse<K>> } {
  return {
    routingTable: whenRunning<'routingTable'>(async ({ kad, node, routingWatch }) => await routingTableView({ kad, node, watch: routingWatch })),
    dhtTrace: whenRunning<'dhtTrace'>(trace),
    dhtLookups: whenRunning<'dhtLookups'>(async ({ lookups }) => lookups.export()),
    keyspace: whenRunning<'keyspace'>(async (parts, req) => {
      const target = req?.key == null || req.key === '' ? parseDhtTarget(parts.node.peerId.toString()) : targetOf(req.key)
      if (target == null) throw new BadRequestError('keyspace needs a root CID or a PeerId.')
      return keyspaceView({
        self: parts.node.peerId.toString(),
        kad: parts.kad,
        announced: parts.announcer.states().map(a => a.root),
        recorded: (await parts.kad.providerRecords()).map(r => r.root),
        nameOf: root => nameOf(parts, root)
      }, target)
    }),
    providerRecords: whenRunning<'providerRecords'>(async parts => await providerRecordDetails({ self: parts.node.peerId.toString(), kad: parts.kad, nameOf: root => nameOf(parts, root) })),
    doctor: whenRunning<'doctor'>(async (parts, req) => {
      const link = checkLink(req?.link)
      return await diagnose({
        node: parts.node,
        kad: parts.kad,
        finder: parts.finder,
        serves: root => parts.library.has(root)
      }, link, { signal: AbortSignal.timeout(API_DEADLINES.doctor.engine - 5_000) })
    }),
    metrics: whenRunning<'metrics'>(async parts => await parts.metricsText())
  }
}

/** Runs one lookup and answers with its trace. */
async function trace (parts: EngineParts, req: ApiRequest<'dhtTrace'>): Promise<ApiResponse<'dhtTrace'>> {
  const target = targetOf(req?.target)
  const op: LookupOp = req?.op ?? (target.kind === 'root' ? 'find-providers' : 'closest')
  if (!LOOKUP_OPS.includes(op)) throw new BadRequestError(`Unknown lookup "${String(op).slice(0, 40)}": use ${LOOKUP_OPS.join(', ')}.`)
  if (op !== 'closest' && target.kind !== 'root') throw new BadRequestError(`${op} needs a root CID; a PeerId can only be traced with closest.`)
  if (parts.kad.routingTableSize() === 0) throw new BadRequestError('The routing table is empty: this node has no DHT peers to ask yet.')
  let id: string | undefined
  try {
    await parts.kad.lookup(op, target, { signal: AbortSignal.timeout(TRACE_TIMEOUT), cause: 'trace', onTrace: traceId => { id = traceId } })
  } catch {
    // A lookup that failed or ran out of time is still traced: the trace says how far it got.
  }
  const view = id == null ? undefined : parts.lookups.get(id)
  if (view == null) throw new BadRequestError('The lookup left no trace.')
  return view
}

function targetOf (text: unknown): DhtTarget {
  const target = typeof text === 'string' ? parseDhtTarget(text) : undefined
  if (target == null) throw new BadRequestError(`"${String(text).slice(0, 80)}" is neither a root CID nor a PeerId.`)
  return target
}

/** A share's name, where this node shares or downloads it. */
function nameOf (parts: Pick<EngineParts, 'library' | 'transfers'>, root: string): string | null {
  return parts.library.manifestOf(root)?.name ?? parts.transfers.find(root)?.knownManifest()?.name ?? null
}
