/**
 * `peershare dht table | trace | lookups | keyspace | records | metrics`:
 * the DHT inspector in a terminal. With --json each prints the contract's
 * view as one JSON document (lookups: the export format of
 * docs/lookup-trace.schema.json); metrics print Prometheus text as is.
 */
import { shortPeerId, type KeyspaceView, type LookupTraceView, type ProviderRecordDetailView, type RoutingTableView } from '../../../shared/index.js'
import type { CliCommand } from '../args.js'
import { printJson, printLine, type CliIo } from '../io.js'
import { formatTable } from '../table.js'
import { needDaemon } from './with-daemon.js'

type DhtInspectCommand = Extract<CliCommand, { kind: 'dht-inspect' }>

/** Runs one inspector view; resolves with the exit code. */
export async function dhtInspectCommand (command: DhtInspectCommand, io: CliIo): Promise<number> {
  const lines = await needDaemon(command, `peershare dht ${command.view}`, async api => {
    switch (command.view) {
      case 'table': {
        const table = await api.routingTable({})
        return command.json ? table : routingTableLines(table)
      }
      case 'trace': {
        const trace = await api.dhtTrace({ target: command.target ?? '', op: command.op })
        return command.json ? trace : traceLines(trace)
      }
      case 'lookups': {
        const all = await api.dhtLookups({})
        return command.json ? all : all.traces.length === 0 ? ['No lookups yet.'] : lookupListLines(all.traces)
      }
      case 'keyspace': {
        const space = await api.keyspace({ key: command.target })
        return command.json ? space : keyspaceLines(space)
      }
      case 'records': {
        const records = await api.providerRecords({})
        return command.json ? records : recordLines(records)
      }
      case 'metrics':
        return [(await api.metrics({})).text.trimEnd()]
    }
  })
  if (Array.isArray(lines) && (!command.json || command.view === 'metrics')) for (const line of lines as string[]) printLine(io, line)
  else printJson(io, lines)
  return 0
}

/** "3.2 s ago" style ages. */
function ago (at: number | null, now = Date.now()): string {
  if (at == null) return '-'
  const s = Math.max(0, (now - at) / 1000)
  return s < 60 ? `${s.toFixed(s < 10 ? 1 : 0)} s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : `${(s / 3600).toFixed(1)} h ago`
}

/** Each bucket with its peers, then the changes. */
export function routingTableLines (t: RoutingTableView): string[] {
  const lines = [`Routing table of ${t.peerId}: ${t.size} peers in ${t.buckets.length} buckets of up to k = ${t.k} (KAD-ID ${t.kadId.slice(0, 16)}…)`, '']
  for (const b of t.buckets) {
    lines.push(`Bucket ${b.prefix === '' ? '(root)' : b.prefix} (depth ${b.depth}): ${b.own ? `this node's own branch, ${b.cpl}+ shared bits` : `${b.cpl} shared bits`}, ${b.peers.length}/${t.k} full`)
    lines.push(...formatTable(
      [{ header: '  PEER' }, { header: 'CPL', align: 'right' }, { header: 'LAST SEEN' }, { header: 'CONNECTED' }, { header: 'RTT', align: 'right' }, { header: 'PATH' }, { header: 'AGENT' }],
      b.peers.map(p => [`  ${p.peerId}`, String(p.cpl), ago(p.lastSeen), p.connected ? 'yes' : 'no', p.rttMs == null ? '-' : `${Math.round(p.rttMs)} ms`, p.addressClass, p.agent ?? '-'])
    ), '')
  }
  const added = t.activity.added.reduce((a, b) => a + b, 0)
  const removed = t.activity.removed.reduce((a, b) => a + b, 0)
  lines.push(`Changes over the last ${Math.round(t.activity.intervalMs * t.activity.starts.length / 60_000)} min: ${added} added, ${removed} removed.`)
  for (const c of t.changes.slice(-10)) lines.push(`  ${new Date(c.at).toISOString()}  ${c.kind === 'added' ? '+' : '-'} ${c.peerId} (cpl ${c.cpl})`)
  return lines
}

const BAR_WIDTH = 30

/** A lookup as a summary and a waterfall: one line per request, a bar from its start to its answer. */
export function traceLines (t: LookupTraceView): string[] {
  const end = t.endedAt ?? Math.max(t.startedAt, ...t.requests.map(r => r.startedAt + (r.ms ?? 0)))
  const total = Math.max(1, end - t.startedAt)
  const s = t.summary
  const lines = [
    `${t.op} ${t.target} (${t.targetKind}, KAD-ID ${t.kadId.slice(0, 16)}…) from ${t.self}`,
    `${t.state}${t.error != null ? ` (${t.error})` : ''} in ${total} ms, cause ${t.cause}: ${s.requests} requests (${s.answered} answered, ${s.failed} failed) on ${s.paths} ${s.paths === 1 ? 'path' : 'paths'}, ${s.hops} ${s.hops === 1 ? 'hop' : 'hops'}`
  ]
  if (t.op === 'find-providers') {
    if (s.localProviders.length > 0) lines.push(`This node's own records already named ${s.localProviders.map(shortPeerId).join(', ')}.`)
    lines.push(s.firstProvider == null
      ? 'No peer named a provider.'
      : `First provider ${s.firstProvider.peerId}, named by ${shortPeerId(s.firstProvider.from)} on hop ${s.firstProvider.hop} after ${s.firstProvider.ms} ms; ${s.providers.length} ${s.providers.length === 1 ? 'provider' : 'providers'} in all.`)
  }
  if (t.op === 'provide') lines.push(`Provider record taken by ${s.stored.length} of the ${s.closest.length} closest peers: ${s.stored.map(shortPeerId).join(', ') || 'none'}.`)
  if (t.op === 'closest') lines.push(`Closest peers that answered: ${s.closest.map(shortPeerId).join(', ') || 'none'}.`)
  lines.push('', ...formatTable(
    [{ header: 'HOP', align: 'right' }, { header: 'PATH', align: 'right' }, { header: 'PEER' }, { header: 'VIA' }, { header: 'CPL', align: 'right' }, { header: 'MESSAGE' }, { header: 'START', align: 'right' }, { header: 'MS', align: 'right' }, { header: 'RESULT' }, { header: `0${' '.repeat(BAR_WIDTH - String(total).length - 3)}${total} ms` }],
    t.requests.map(r => [
      String(r.hop), String(r.path), shortPeerId(r.peerId), r.via == null ? '(table)' : shortPeerId(r.via), String(r.cpl), r.message,
      `+${r.startedAt - t.startedAt}`, r.ms == null ? '-' : String(r.ms), resultOf(r), bar(r.startedAt - t.startedAt, r.ms, total)
    ])
  ))
  if (t.droppedRequests > 0) lines.push(`(${t.droppedRequests} more requests not kept)`)
  return lines
}

function resultOf (r: LookupTraceView['requests'][number]): string {
  switch (r.outcome) {
    case 'error': return `error: ${r.error ?? ''}`.slice(0, 60)
    case 'no-answer': return 'no answer'
    case 'stored': return 'took the record'
    case 'providers': return `${r.providers.length} provider${r.providers.length === 1 ? '' : 's'}, ${r.closer.length} closer`
    case 'closer': return `${r.closer.length} closer`
  }
}

/** `|   ████     |`: a request's span within the lookup. */
function bar (start: number, ms: number | null, total: number): string {
  const from = Math.min(BAR_WIDTH - 1, Math.floor(start / total * BAR_WIDTH))
  const width = ms == null ? BAR_WIDTH - from : Math.max(1, Math.round(ms / total * BAR_WIDTH))
  return `|${' '.repeat(from)}${(ms == null ? '·' : '█').repeat(Math.min(width, BAR_WIDTH - from))}${' '.repeat(Math.max(0, BAR_WIDTH - from - width))}|`
}

/** One line per kept lookup. */
export function lookupListLines (traces: readonly LookupTraceView[]): string[] {
  return formatTable(
    [{ header: 'ID' }, { header: 'STARTED' }, { header: 'OP' }, { header: 'CAUSE' }, { header: 'TARGET' }, { header: 'STATE' }, { header: 'MS', align: 'right' }, { header: 'REQUESTS', align: 'right' }, { header: 'HOPS', align: 'right' }, { header: 'FOUND' }],
    traces.map(t => [
      t.id, new Date(t.startedAt).toISOString(), t.op, t.cause, t.target, t.state, t.endedAt == null ? '-' : String(t.endedAt - t.startedAt),
      String(t.summary.requests), String(t.summary.hops),
      t.op === 'find-providers' ? `${t.summary.providers.length} providers` : t.op === 'provide' ? `stored on ${t.summary.stored.length}` : `${t.summary.closest.length} closest`
    ])
  )
}

/** Every point, closest first. */
export function keyspaceLines (k: KeyspaceView): string[] {
  return [
    `Keyspace around ${k.key} (${k.keyKind}, KAD-ID ${k.kadId.slice(0, 16)}…); * marks the k = ${k.k} closest peers known`,
    ...formatTable(
      [{ header: ' ' }, { header: 'KIND' }, { header: 'ID' }, { header: 'CPL', align: 'right' }, { header: 'LOG2 DIST', align: 'right' }, { header: 'NAME' }],
      k.points.map(p => [p.closest ? '*' : '', p.kind, p.id, String(p.cpl), p.log2Distance < 0 ? 'key' : p.log2Distance.toFixed(2), p.name ?? ''])
    )
  ]
}

/** Provider records with expiry. */
export function recordLines (records: readonly ProviderRecordDetailView[]): string[] {
  if (records.length === 0) return ['No provider records held.']
  return formatTable(
    [{ header: 'ROOT' }, { header: 'NAME' }, { header: 'PROVIDER' }, { header: 'RECEIVED' }, { header: 'EXPIRES' }],
    records.map(r => [r.root, r.name ?? '-', r.self ? `${r.provider} (this node)` : r.provider, r.receivedAt == null ? '-' : new Date(r.receivedAt).toISOString(), r.expiresAt == null ? '-' : new Date(r.expiresAt).toISOString()])
  )
}
