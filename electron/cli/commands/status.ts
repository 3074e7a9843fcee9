/**
 * `peershare status`: a summary of the node's health (or the HealthView
 * with --json).
 */
import { formatBytes, formatEta, formatRate, reachabilityText, type HealthView } from '../../../shared/index.js'
import type { ProfileCommand } from '../args.js'
import { printJson, printLine, type CliIo } from '../io.js'
import { withSession } from './with-session.js'

/** Runs `status`; resolves with the exit code. */
export async function statusCommand (command: ProfileCommand, io: CliIo): Promise<number> {
  const { health, mode } = await withSession(command, io, async session => ({ health: await session.api.status({}), mode: session.mode }))
  if (command.json) {
    printJson(io, health)
    return 0
  }
  for (const line of statusLines(health, mode)) printLine(io, line)
  return 0
}

/** The summary, one fact per line. */
export function statusLines (h: HealthView, mode: 'daemon' | 'in-process', now = Date.now()): string[] {
  const list = (label: string, items: readonly string[]): string[] =>
    items.length === 0 ? [`${label}(none)`] : items.map((item, i) => `${i === 0 ? label : ' '.repeat(label.length)}${item}`)
  return [
    `PeerId:        ${h.peerId}`,
    `Network:       ${h.network}`,
    `Running:       ${mode === 'daemon' ? 'daemon' : 'in this process (no daemon for this profile)'}, up ${formatEta((now - h.startedAt) / 1000)}`,
    `Reachability:  ${reachabilityText(h.reach)}`,
    ...(h.reach.relays.length > 0 ? list('Relays:        ', h.reach.relays.map(r => r.addr)) : []),
    ...list('Listening:     ', h.listenAddrs),
    ...list('Announcing:    ', h.announceAddrs),
    `Connections:   ${h.connections.length}`,
    `DHT:           ${h.dht.mode} mode, ${h.dht.routingTableSize} peers in the routing table, ${h.dht.providerRecords.length} provider records (${h.dht.protocol})`,
    `Shares:        ${h.shares}`,
    `Downloads:     ${h.activeTransfers} active`,
    `Traffic:       in ${formatBytes(h.bytesIn)} (${formatRate(h.rateIn)}), out ${formatBytes(h.bytesOut)} (${formatRate(h.rateOut)})`
  ]
}
