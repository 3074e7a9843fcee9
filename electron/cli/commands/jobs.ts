/**
 * `peershare jobs`: the profile's share jobs (hashing now, or recently
 * ended) as a table, or as JSON with --json; `peershare jobs cancel ID`
 * cancels one. Jobs live in the running node: it asks the profile's daemon,
 * and without one says so.
 */
import { formatBytes, formatEta, formatRate, type ShareJobView } from '../../../shared/index.js'
import type { ProfileCommand } from '../args.js'
import { printJson, printLine, printNote, type CliIo } from '../io.js'
import { formatTable } from '../table.js'
import { needDaemon } from './with-daemon.js'

/** Runs `jobs`; resolves with the exit code. */
export async function jobsCommand (command: ProfileCommand & { readonly cancel?: string }, io: CliIo): Promise<number> {
  return await needDaemon(command, 'Share jobs', async api => {
    if (command.cancel != null) {
      const job = await api.cancelShareJob({ id: command.cancel })
      if (command.json) printJson(io, job)
      else printNote(io, job.state === 'cancelled' ? `Cancelled sharing ${job.path}; nothing of it was kept.` : `Sharing ${job.path} had already ended (${job.state}).`)
      return 0
    }
    const jobs = await api.shareJobs({})
    if (command.json) printJson(io, jobs)
    else for (const line of jobsLines(jobs)) printLine(io, line)
    return 0
  })
}

/** The jobs table, or a line saying there are none. */
export function jobsLines (jobs: readonly ShareJobView[]): string[] {
  if (jobs.length === 0) return ['No share jobs.']
  return formatTable(
    [{ header: 'ID' }, { header: 'STATE' }, { header: 'FILES', align: 'right' }, { header: 'HASHED', align: 'right' }, { header: 'RATE', align: 'right' }, { header: 'ETA', align: 'right' }, { header: 'PATH' }],
    jobs.map(j => [
      j.id,
      j.error != null ? `${j.state} (${j.error.code})` : j.state,
      `${j.filesDone}/${j.filesTotal}`,
      `${formatBytes(j.bytesDone)} / ${formatBytes(j.bytesTotal)}`,
      j.state === 'hashing' ? formatRate(j.rate) : '-',
      j.state === 'hashing' ? formatEta(j.etaSeconds) : '-',
      j.path
    ])
  )
}
