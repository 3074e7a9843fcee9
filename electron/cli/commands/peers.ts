/**
 * `peershare peers`: live connections as a table (or the PeerViews with
 * --json). With no node running for the profile there are none, and it
 * says why.
 */
import { formatBytes, pathText, type PeerView } from '../../../shared/index.js'
import type { ProfileCommand } from '../args.js'
import { printJson, printLine, printNote, type CliIo } from '../io.js'
import { formatTable } from '../table.js'
import { notRunningLine, withDaemon } from './with-daemon.js'

/** Runs `peers`; resolves with the exit code. */
export async function peersCommand (command: ProfileCommand, io: CliIo): Promise<number> {
  const peers = await withDaemon(command, async api => await api.peers({}))
  if (peers == null) {
    // No node, no connections: JSON keeps its shape, the person reads why.
    if (command.json) {
      printJson(io, [])
      printNote(io, notRunningLine(command.profile))
    } else {
      printLine(io, `${notRunningLine(command.profile)} Without one there are no connections.`)
    }
    return 0
  }
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
