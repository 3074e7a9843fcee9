/**
 * The one client of a lab's endpoint (lab.ts), for the `peershare lab` CLI
 * in Node and the dashboard in a browser: each lab command is a POST with the
 * lab's secret as a Bearer credential and a deadline; an answer that is not
 * 2xx comes back as the PeerShareApiError the lab sent. Built on fetch alone.
 */
import { PeerShareApiError, toApiError } from './errors.js'
import { LAB_API_PREFIX, type LabCommandName, type LabCommands } from './lab.js'

/** Deadline of one lab command, ms: a restart waits for a daemon to come up. */
export const LAB_CALL_TIMEOUT_MS = 120_000

/** Calls a lab command. */
export type LabApi = <K extends LabCommandName>(command: K, req: LabCommands[K]['req'], options?: { readonly timeoutMs?: number }) => Promise<LabCommands[K]['res']>

export interface LabApiInit {
  /** The lab's origin, e.g. http://127.0.0.1:40439; '' for the page's own origin (the dashboard). */
  readonly url: string
  /** The lab's secret. */
  readonly secret: string
  /** What to tell a person when the lab cannot be reached. */
  readonly unreachable: string
}

/** Builds a client of a lab. */
export function createLabApi (init: LabApiInit): LabApi {
  return async (command, req, options = {}) => {
    let res: Response
    try {
      res = await fetch(`${init.url}${LAB_API_PREFIX}${command}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${init.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(req ?? {}),
        signal: AbortSignal.timeout(options.timeoutMs ?? LAB_CALL_TIMEOUT_MS),
        credentials: 'omit',
        redirect: 'error'
      })
    } catch (err) {
      throw new PeerShareApiError({ code: 'internal', message: `${init.unreachable} (${(err as Error).message})` })
    }
    const body: unknown = await res.json().catch(() => null)
    if (res.ok) return body as never
    throw toApiError(body, res.status)
  }
}
