/**
 * The DHT inspector's part of the command line: `peershare dht` with a
 * view (table, trace, lookups, keyspace, records, metrics) and
 * `peershare doctor LINK|ROOT`.
 */
import { LOOKUP_OPS, type LookupOp } from '../../shared/index.js'
import { UsageError } from './usage-error.js'

/** What `peershare dht …` shows. */
export type DhtInspectView = 'table' | 'trace' | 'lookups' | 'keyspace' | 'records' | 'metrics'

export const DHT_VIEWS: readonly DhtInspectView[] = ['table', 'trace', 'lookups', 'keyspace', 'records', 'metrics']

/** `dht VIEW [TARGET]` with --op; undefined for a plain `dht`. */
export function parseDhtView (rest: readonly string[], op: string | undefined): { view: DhtInspectView, target?: string, op?: LookupOp } | undefined {
  const [view, target, extra] = rest
  if (view == null) {
    if (op != null) throw new UsageError('--op only applies to dht trace.')
    return undefined
  }
  if (!(DHT_VIEWS as readonly string[]).includes(view)) throw new UsageError(`Unknown dht view "${view}": use ${DHT_VIEWS.join(', ')}.`)
  if (view === 'trace' && target == null) throw new UsageError('dht trace needs a ROOT (CID) or a PEERID.')
  if (target != null && view !== 'trace' && view !== 'keyspace') throw new UsageError(`Unexpected argument "${target}" for dht ${view}.`)
  if (extra != null) throw new UsageError(`Unexpected argument "${extra}" for dht ${view}.`)
  if (op != null && view !== 'trace') throw new UsageError('--op only applies to dht trace.')
  if (op != null && !(LOOKUP_OPS as readonly string[]).includes(op)) throw new UsageError(`--op must be ${LOOKUP_OPS.join(', ')} (got "${op}").`)
  return { view: view as DhtInspectView, target, op: op as LookupOp | undefined }
}
