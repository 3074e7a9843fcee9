/**
 * How the contract travels over the headless host's loopback endpoint.
 *
 * - `POST /api/<command>` with a JSON body (the command's request) answers
 *   200 with the response as JSON, or 4xx/5xx with `{ "error": { code, message } }`.
 * - `GET /api/events` upgrades to a WebSocket that carries one JSON
 *   PeerShareEvent per message.
 * - Every /api request carries the profile's secret, as
 *   `Authorization: Bearer <secret>` or, where a browser cannot set headers
 *   (WebSocket), as the `token` query parameter.
 * - Requests whose Host is not the loopback endpoint itself, or whose Origin
 *   (when present) is not that endpoint's own origin, are refused with 403,
 *   so no web page can drive an instance.
 */

export const API_PATH_PREFIX = '/api/'
export const EVENTS_PATH = '/api/events'
export const TOKEN_QUERY_PARAM = 'token'
/** Largest request body the endpoint reads, in bytes. */
export const MAX_API_BODY_BYTES = 1024 * 1024

/** What a running daemon writes into its profile so other commands can find it. */
export interface DaemonInfo {
  readonly pid: number
  readonly peerId: string
  readonly addrs: readonly string[]
  /** Base URL of the loopback API, e.g. http://127.0.0.1:43121 */
  readonly api: string
  /**
   * Whether that address also serves the web UI: a daemon's does; the
   * desktop app shows the UI in its own window instead. Absent in files
   * written before PeerShare said so.
   */
  readonly ui?: boolean
}
