/**
 * `peershare ls`: what the profile shares and downloads, as two tables
 * (or `{ shares, transfers }` with --json). Works offline from the store.
 */
import { formatBytes, formatRate, type ShareView, type TransferView } from '../../../shared/index.js'
import type { ProfileCommand } from '../args.js'
import { printJson, printLine, type CliIo } from '../io.js'
import { progressFraction } from '../progress.js'
import { formatTable } from '../table.js'
import { withSession } from './with-session.js'

/** Runs `ls`; resolves with the exit code. */
export async function lsCommand (command: ProfileCommand, io: CliIo): Promise<number> {
  const { shares, transfers } = await withSession(command, io, async ({ api }) => ({
    shares: await api.shares({}),
    transfers: await api.transfers({})
  }))
  if (command.json) {
    printJson(io, { shares, transfers })
    return 0
  }
  for (const line of sharesLines(shares)) printLine(io, line)
  printLine(io)
  for (const line of transfersLines(transfers)) printLine(io, line)
  return 0
}

/** The shares table, or a line saying there are none. */
export function sharesLines (shares: readonly ShareView[]): string[] {
  if (shares.length === 0) return ['No shares.']
  return ['Shares:', ...formatTable(
    [{ header: 'NAME' }, { header: 'SIZE', align: 'right' }, { header: 'FILES', align: 'right' }, { header: 'ACCESS' }, { header: 'STATE' }, { header: 'SERVED', align: 'right' }, { header: 'PEERS', align: 'right' }, { header: 'ROOT' }],
    shares.map(s => [s.name, formatBytes(s.size), String(s.fileCount), s.private ? 'private' : 'public', s.state, formatBytes(s.bytesServed), String(s.peersServed), s.root])
  )]
}

/** The downloads table, or a line saying there are none. */
export function transfersLines (transfers: readonly TransferView[]): string[] {
  if (transfers.length === 0) return ['No downloads.']
  return ['Downloads:', ...formatTable(
    [{ header: 'NAME' }, { header: 'STATE' }, { header: 'DONE', align: 'right' }, { header: 'SIZE', align: 'right' }, { header: 'RATE', align: 'right' }, { header: 'PEERS', align: 'right' }, { header: 'ROOT' }],
    transfers.map(t => [
      t.name,
      t.error != null && t.state !== 'done' ? `${t.state} (${t.error.code})` : t.state,
      `${(progressFraction(t) * 100).toFixed(1)}%`,
      formatBytes(t.size),
      t.state === 'downloading' ? formatRate(t.rate) : '-',
      String(t.peers.filter(p => !p.banned).length),
      t.root
    ])
  )]
}
