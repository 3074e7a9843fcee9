/**
 * `peershare dht`: the routing table by k-bucket, the provider records this
 * node holds and the roots it announces (or the DhtView with --json). With
 * no node running for the profile there is no DHT to show, and it says so.
 */
import { shortPeerId, type DhtView } from '../../../shared/index.js'
import type { ProfileCommand } from '../args.js'
import { printJson, printLine, type CliIo } from '../io.js'
import { formatTable } from '../table.js'
import { notRunningLine, withDaemon } from './with-daemon.js'

/** Runs `dht`; resolves with the exit code. */
export async function dhtCommand (command: ProfileCommand, io: CliIo): Promise<number> {
  const dht = await withDaemon(command, async api => await api.dht({}))
  if (dht == null) {
    if (command.json) printJson(io, { running: false, profile: command.profile })
    else printLine(io, `${notRunningLine(command.profile)} The DHT exists only while one runs.`)
    return 0
  }
  if (command.json) {
    printJson(io, dht)
    return 0
  }
  for (const line of dhtLines(dht)) printLine(io, line)
  return 0
}

/** The DHT report: a summary line, then buckets, provider records and announcements. */
export function dhtLines (dht: DhtView): string[] {
  const lines = [
    `${dht.mode} mode, protocol ${dht.protocol}, ${dht.routingTableSize} peers in the routing table (k = ${dht.kBucketSize})`,
    ''
  ]

  const buckets = dht.buckets.filter(b => b.peers.length > 0)
  if (buckets.length === 0) {
    lines.push('Routing table: empty.')
  } else {
    lines.push('Routing table:', ...formatTable(
      [{ header: 'PREFIX' }, { header: 'DEPTH', align: 'right' }, { header: 'PEERS', align: 'right' }, { header: 'IDS' }],
      buckets.map(b => [b.prefix === '' ? '(root)' : b.prefix, String(b.depth), String(b.peers.length), b.peers.map(shortPeerId).join(' ')])
    ))
  }
  lines.push('')

  if (dht.providerRecords.length === 0) {
    lines.push('Provider records: none.')
  } else {
    lines.push('Provider records:', ...formatTable(
      [{ header: 'ROOT' }, { header: 'PROVIDER' }, { header: 'RECEIVED' }],
      dht.providerRecords.map(r => [r.root, r.provider, r.receivedAt == null ? '-' : new Date(r.receivedAt).toISOString()])
    ))
  }
  lines.push('')

  if (dht.announced.length === 0) {
    lines.push('Announcing: nothing.')
  } else {
    lines.push('Announcing:', ...formatTable(
      [{ header: 'ROOT' }, { header: 'LAST ANNOUNCED' }, { header: 'ERROR' }],
      dht.announced.map(a => [a.root, a.lastAnnouncedAt == null ? 'not yet' : new Date(a.lastAnnouncedAt).toISOString(), a.lastError ?? ''])
    ))
  }
  return lines
}
