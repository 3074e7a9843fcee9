/**
 * `peershare ls`: what the profile shares and downloads, as two tables
 * (or `{ shares, transfers }` with --json). Asks the profile's daemon; with
 * none running, reads the profile and says so (`running: false` in JSON).
 */
import { formatBytes, formatRate, pathText, type ShareView, type TransferView } from '../../../shared/index.js'
import { readProfileAtRest } from '../../core/index.js'
import type { ProfileCommand } from '../args.js'
import { printJson, printLine, printNote, type CliIo } from '../io.js'
import { progressFraction } from '../progress.js'
import { formatTable } from '../table.js'
import { notRunningLine, withDaemon } from './with-daemon.js'

/** Runs `ls`; resolves with the exit code. */
export async function lsCommand (command: ProfileCommand, io: CliIo): Promise<number> {
  const live = await withDaemon(command, async api => ({ shares: await api.shares({}), transfers: await api.transfers({}) }))
  const { shares, transfers } = live ?? await readProfileAtRest(command.profile)
  if (command.json) {
    printJson(io, live != null ? { shares, transfers } : { running: false, shares, transfers })
    return 0
  }
  if (live == null) printNote(io, notRunningLine(command.profile))
  for (const line of sharesLines(shares)) printLine(io, line)
  printLine(io)
  for (const line of transfersLines(transfers)) printLine(io, line)
  return 0
}

/** The shares table, or a line saying there are none. */
export function sharesLines (shares: readonly ShareView[]): string[] {
  if (shares.length === 0) return ['No shares.']
  return ['Shares:', ...formatTable(
    [{ header: 'NAME' }, { header: 'SIZE', align: 'right' }, { header: 'FILES', align: 'right' }, { header: 'STATE' }, { header: 'ACCESS' }, { header: 'SERVED', align: 'right' }, { header: 'PEERS', align: 'right' }, { header: 'ROOT' }],
    shares.map(s => [s.name, formatBytes(s.size), String(s.fileCount), s.state, s.private ? 'private' : 'public', formatBytes(s.bytesServed), String(s.peersServed), s.root])
  )]
}

/** A download's state in a few words. */
function stateWords (t: TransferView): string {
  if (t.state === 'done' && t.missingFiles != null) return 'done (files missing)'
  if (t.state === 'downloading' && t.waiting != null) return 'waiting for a source'
  return t.error != null && t.state !== 'done' ? `${t.state} (${t.error.code})` : t.state
}

/** The downloads table, or a line saying there are none. */
export function transfersLines (transfers: readonly TransferView[]): string[] {
  if (transfers.length === 0) return ['No downloads.']
  return ['Downloads:', ...formatTable(
    [{ header: 'NAME' }, { header: 'STATE' }, { header: 'DONE', align: 'right' }, { header: 'SIZE', align: 'right' }, { header: 'RATE', align: 'right' }, { header: 'PEERS', align: 'right' }, { header: 'PATHS' }, { header: 'ROOT' }],
    transfers.map(t => [
      t.name,
      stateWords(t),
      `${(progressFraction(t) * 100).toFixed(1)}%`,
      formatBytes(t.size),
      t.state === 'downloading' ? formatRate(t.rate) : '-',
      String(t.peers.filter(p => !p.banned).length),
      [...new Set(t.peers.filter(p => !p.banned && p.path != null).map(p => pathText(p.path!, p.relay)))].join(', ') || '-',
      t.root
    ])
  )]
}
