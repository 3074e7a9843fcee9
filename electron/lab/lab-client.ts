/**
 * A client of a running lab's endpoint, for the `peershare lab` commands
 * that steer a lab another process supervises (set, stop, kill, down, …).
 * Finds the lab by its folder (lab.json and lab-secret) and calls its
 * commands with a deadline.
 */
import type { LabDescription } from '../../shared/lab.js'
import { createLabApi, type LabApi } from '../../shared/lab-client.js'
import { isProcessAlive } from '../host/index.js'
import { LabError, LabNotFoundError, LabNotRunningError } from './errors.js'
import { labFolder, listLabs, readLabDescription, readLabSecret } from './lab-folder.js'

/** A handle on a running lab. */
export interface LabClient {
  readonly description: LabDescription
  readonly call: LabApi
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
    call: createLabApi({ url: description.api, secret, unreachable: `The lab "${description.name}" does not answer at ${description.api}; is it still running?` })
  }
}
