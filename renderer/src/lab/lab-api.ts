/**
 * The dashboard's client of the lab that served it: the shared lab client
 * on the page's own origin, with the secret from the address.
 */
import { createLabApi as createClient, type LabApi } from '../../../shared/lab-client.js'

export type { LabApi }

/** A client of the lab that served this page. */
export function createLabApi (token: string): LabApi {
  return createClient({ url: '', secret: token, unreachable: 'The lab does not answer; is it still running?' })
}
