/**
 * `peershare status`: a summary of the node's health (or the HealthView
 * with --json). With no node running for the profile, what the profile
 * holds, and that no node is running (`running: false` in JSON).
 */
import { formatBytes, formatEta, formatRate, reachabilityText, type HealthView } from '../../../shared/index.js'
import { readProfileAtRest, type ProfileAtRest } from '../../core/index.js'
import type { ProfileCommand } from '../args.js'
import { printJson, printLine, type CliIo } from '../io.js'
import { notRunningLine, withDaemon } from './with-daemon.js'

/** Runs `status`; resolves with the exit code. */
export async function statusCommand (command: ProfileCommand, io: CliIo): Promise<number> {
  const health = await withDaemon(command, async api => await api.status({}))
  if (health == null) {
    const rest = await readProfileAtRest(command.profile)
    if (command.json) printJson(io, atRestJson(rest))
    else for (const line of atRestLines(rest)) printLine(io, line)
    return 0
  }
  if (command.json) {
    printJson(io, health)
    return 0
  }
  for (const line of statusLines(health)) printLine(io, line)
  return 0
}

/** The summary, one fact per line. */
export function statusLines (h: HealthView, now = Date.now()): string[] {
  return [
    `PeerId:        ${h.peerId}`,
    `Network:       ${h.network}`,
    `Running:       yes, up ${formatEta((now - h.startedAt) / 1000)}`,
    `Reachability:  ${reachabilityText(h.reach)}`,
    ...(h.reach.relays.length > 0 ? listLines('Relays:        ', h.reach.relays.map(r => r.addr)) : []),
    ...listLines('Listening:     ', h.listenAddrs),
    ...listLines('Announcing:    ', h.announceAddrs),
    `Connections:   ${h.connections.length}`,
    `DHT:           ${h.dht.mode} mode, ${h.dht.routingTableSize} peers in the routing table, ${h.dht.providerRecords.length} provider records (${h.dht.protocol})`,
    `Shares:        ${h.shares}`,
    `Downloads:     ${h.activeTransfers} active`,
    `Traffic:       in ${formatBytes(h.bytesIn)} (${formatRate(h.rateIn)}), out ${formatBytes(h.bytesOut)} (${formatRate(h.rateOut)})`
  ]
}

/** What a profile no node runs for holds, one fact per line, after the line saying no node runs. */
export function atRestLines (p: ProfileAtRest): string[] {
  const missing = p.shares.filter(s => s.state === 'missing').length
  const unfinished = p.transfers.filter(t => t.state !== 'done').length
  return [
    notRunningLine(p.profileDir),
    `PeerId:        ${p.peerId ?? '(none yet: no node has run with this profile)'}`,
    'Running:       no',
    ...listLines('Listen on:     ', p.settings.listen),
    ...listLines('Bootstrap:     ', p.settings.bootstrap),
    `mDNS:          ${p.settings.mdns ? 'on' : 'off'}`,
    `Download dir:  ${p.settings.downloadDir}`,
    `Shares:        ${p.shares.length}${missing > 0 ? ` (${missing} missing)` : ''}`,
    `Downloads:     ${p.transfers.length}${unfinished > 0 ? ` (${unfinished} unfinished: they go on when a node runs)` : ''}`
  ]
}

/** The JSON of a profile no node runs for. */
function atRestJson (p: ProfileAtRest): unknown {
  return { running: false, profile: p.profileDir, peerId: p.peerId, settings: p.settings, shares: p.shares.length, transfers: p.transfers.length }
}

function listLines (label: string, items: readonly string[]): string[] {
  return items.length === 0 ? [`${label}(none)`] : items.map((item, i) => `${i === 0 ? label : ' '.repeat(label.length)}${item}`)
}
