/**
 * A client of a running lab's endpoint, for the `peershare lab` commands
 * that steer a lab another process supervises (set, stop, kill, down, …).
 * Finds the lab by its folder (lab.json and lab-secret) and calls its
 * commands with a deadline.
 */
import { isErrorCode, PeerShareApiError } from '../../shared/index.js'
import { LAB_API_PREFIX, type LabCommandName, type LabCommands, type LabDescription } from '../../shared/lab.js'
import { isProcessAlive } from '../host/index.js'
import { LabError, LabNotFoundError, LabNotRunningError } from './errors.js'
import { labFolder, listLabs, readLabDescription, readLabSecret } from './lab-folder.js'

/** Deadline of one lab command, ms (a restart may wait for a daemon to come up). */
const CALL_TIMEOUT_MS = 120_000

/** A handle on a running lab. */
export interface LabClient {
  readonly description: LabDescription
  call<K extends LabCommandName>(command: K, req: LabCommands[K]['req'], options?: { timeoutMs?: number }): Promise<LabCommands[K]['res']>
}

/** Connects to lab `name` under `root`, or to the only running lab when no name is given. */
export async function connectLab (root: string, name?: string): Promise<LabClient> {
  if (name == null) {
    const running = (await listLabs(root)).filter(l => l.running)
    if (running.length === 0) throw new LabError('not-found', `No lab is running under ${root}; start one with \`peershare lab up N\`.`)
    if (running.length > 1) throw new LabError('bad-request', `Several labs are running (${running.map(l => l.name).join(', ')}); say which with --name.`)
    name = running[0].name
  }
  const folder = labFolder(root, name)
  const description = await readLabDescription(folder)
  if (description == null) throw new LabNotFoundError(name, root)
  const secret = await readLabSecret(folder)
  if (secret == null || !isProcessAlive(description.pid)) throw new LabNotRunningError(name)
  return {
    description,
    async call (command, req, options = {}) {
      let res: Response
      try {
        res = await fetch(`${description.api}${LAB_API_PREFIX}${command}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body: JSON.stringify(req ?? {}),
          signal: AbortSignal.timeout(options.timeoutMs ?? CALL_TIMEOUT_MS),
          redirect: 'error'
        })
      } catch {
        throw new LabNotRunningError(description.name)
      }
      const body = await res.json().catch(() => null) as { error?: { code?: unknown, message?: unknown } } | null
      if (res.ok) return body as never
      const error = body?.error
      throw new PeerShareApiError({
        code: isErrorCode(error?.code) ? error.code : 'internal',
        message: typeof error?.message === 'string' ? error.message : `The lab answered HTTP ${res.status}.`
      })
    }
  }
}
