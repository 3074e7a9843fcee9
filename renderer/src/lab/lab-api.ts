/**
 * The dashboard's client of the lab's endpoint: one function per lab
 * command (shared/lab.ts), POSTed to the origin that served the page with
 * the lab's secret; errors come back as PeerShareApiError.
 */
import { isErrorCode, PeerShareApiError } from '../../../shared/index.js'
import { LAB_API_PREFIX, type LabCommandName, type LabCommands } from '../../../shared/lab.js'

/** Calls lab commands. */
export type LabApi = <K extends LabCommandName>(command: K, req: LabCommands[K]['req']) => Promise<LabCommands[K]['res']>

/** A client of the lab that served this page; each call has a 2-minute deadline (a restart waits for the daemon). */
export function createLabApi (token: string): LabApi {
  return async (command, req) => {
    let res: Response
    try {
      res = await fetch(`${LAB_API_PREFIX}${command}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(req ?? {}),
        signal: AbortSignal.timeout(120_000)
      })
    } catch (err) {
      throw new PeerShareApiError({ code: 'internal', message: `The lab does not answer (${(err as Error).message}); is it still running?` })
    }
    const body = await res.json().catch(() => null) as { error?: { code?: unknown, message?: unknown } } | null
    if (res.ok) return body as never
    throw new PeerShareApiError({
      code: isErrorCode(body?.error?.code) ? body.error.code : 'internal',
      message: typeof body?.error?.message === 'string' ? body.error.message : `The lab answered HTTP ${res.status}.`
    })
  }
}
