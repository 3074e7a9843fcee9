/**
 * The engine's full check of settings and node options: first the shape
 * checks every client also runs (shared/settings-check.ts), then what only
 * the multiaddr library can tell: that every address parses, that a listen
 * address is one this node's transports can listen on, and that a bootstrap
 * address names a valid peer. Nothing reaches libp2p, or settings.json,
 * without passing here, so a saved mistake can never stop a profile from
 * starting.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { TCP, WebSockets } from '@multiformats/multiaddr-matcher'
import { BadRequestError } from '../errors.js'
import { SETTING_NAMES, findSettingsMistake, type NodeOptions, type SettingMistake, type SettingName, type SettingsValues } from '../../../shared/index.js'

/** A setting or node option refused, naming the setting and the mistake. */
export class InvalidSettingError extends BadRequestError {
  readonly field: string
  /** `source`: 'update' for updateSettings (nothing was saved), 'flags' for the options a host started the engine with. */
  constructor (mistake: SettingMistake, source: 'update' | 'flags') {
    super(source === 'update'
      ? `${mistake.field === '' ? 'The settings' : `The setting "${mistake.field}"`} cannot be saved: ${mistake.message} Nothing was changed.`
      : `The ${mistake.field} option given for this run is refused: ${mistake.message}`)
    this.name = 'InvalidSettingError'
    this.field = mistake.field
  }
}

/**
 * The first mistake in a settings update or in node options (with
 * `allowNetwork`), or null when everything may be used and saved.
 */
export function findSettingsProblem (value: unknown, options: { readonly allowNetwork?: boolean } = {}): SettingMistake | null {
  const mistake = findSettingsMistake(value, options)
  if (mistake != null) return mistake
  const { listen, bootstrap, relays } = value as NodeOptions
  for (const addr of listen ?? []) {
    const message = listenProblem(addr)
    if (message != null) return { field: 'listen', message }
  }
  for (const addr of bootstrap ?? []) {
    const message = bootstrapProblem(addr)
    if (message != null) return { field: 'bootstrap', message }
  }
  for (const addr of relays ?? []) {
    const message = bootstrapProblem(addr)
    if (message != null) return { field: 'relays', message }
  }
  return null
}

/** The settings among an object's fields (a host's options, a saved file), leaving out the rest and anything undefined. */
export function pickSettings (from: object): Partial<SettingsValues> {
  const picked: Partial<Record<SettingName, unknown>> = {}
  for (const name of SETTING_NAMES) {
    const value = (from as Partial<Record<SettingName, unknown>>)[name]
    if (value !== undefined) picked[name] = value
  }
  return picked as Partial<SettingsValues>
}

/** Whether two values of one setting are the same. */
export function sameSetting (a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i])
  return a === b
}

function parse (addr: string): Multiaddr | string {
  try {
    return multiaddr(addr)
  } catch (err) {
    return `"${addr.slice(0, 120)}" is not a valid multiaddr (${(err as Error).message}).`
  }
}

function listenProblem (addr: string): string | null {
  const ma = parse(addr)
  if (typeof ma === 'string') return ma
  const first = ma.getComponents()[0]?.name
  const onIp = first === 'ip4' || first === 'ip6'
  if (!onIp || !(TCP.exactMatch(ma) || WebSockets.exactMatch(ma))) {
    return `PeerShare cannot listen on "${addr.slice(0, 120)}": use TCP or WebSockets on an IP address, e.g. /ip4/0.0.0.0/tcp/4001 or /ip4/0.0.0.0/tcp/4002/ws.`
  }
  return null
}

function bootstrapProblem (addr: string): string | null {
  const ma = parse(addr)
  if (typeof ma === 'string') return ma
  const peer = ma.getComponents().findLast(c => c.name === 'p2p')?.value
  try {
    if (peer == null) throw new Error('no /p2p/ part')
    peerIdFromString(peer)
  } catch {
    return `"${addr.slice(0, 120)}" does not end in a valid peer id (/p2p/12D3KooW… or /p2p/Qm…).`
  }
  return null
}
