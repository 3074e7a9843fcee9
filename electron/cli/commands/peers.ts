/**
 * `peershare peers`: live connections as a table (or the PeerViews with
 * --json).
 */
import { formatBytes, pathText, type PeerView } from '../../../shared/index.js'
import type { ProfileCommand } from '../args.js'
import { printJson, printLine, type CliIo } from '../io.js'
import { formatTable } from '../table.js'
import { withSession } from './with-session.js'

/** Runs `peers`; resolves with the exit code. */
export async function peersCommand (command: ProfileCommand, io: CliIo): Promise<number> {
  const peers = await withSession(command, io, async ({ api }) => await api.peers({}))
  if (command.json) {
    printJson(io, peers)
    return 0
  }
  for (const line of peersLines(peers)) printLine(io, line)
  return 0
}

/** The peers table, or a line saying there are none. */
export function peersLines (peers: readonly PeerView[]): string[] {
  if (peers.length === 0) return ['No connected peers.']
  return formatTable(
    [{ header: 'PEER' }, { header: 'DIR' }, { header: 'PATH' }, { header: 'TRANSPORT' }, { header: 'RTT', align: 'right' }, { header: 'IN', align: 'right' }, { header: 'OUT', align: 'right' }, { header: 'ADDRESS' }],
    peers.map(p => [
      p.peerId,
      p.direction === 'inbound' ? 'in' : 'out',
      `${pathText(p.path, p.relay)}${p.limited === true ? ' (limited)' : ''}`,
      p.transport,
      p.latencyMs == null ? '-' : `${Math.round(p.latencyMs)} ms`,
      formatBytes(p.bytesIn),
      formatBytes(p.bytesOut),
      p.addr
    ])
  )
}
