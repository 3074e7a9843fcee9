/**
 * The checks every setting and node option gets, written once: the CLI's
 * and the desktop app's flags, the settings form and the engine's
 * updateSettings all run these. They are dependency-free so the UI can run
 * them too, which bounds what they can know: they check each value's type
 * and shape (a multiaddr starts with "/", a bootstrap address ends with the
 * peer to expect). The engine, which has the multiaddr library, then parses
 * every address in full before anything is used or saved.
 */
import type { SettingName, SettingsValues } from './settings-views.js'

/** Every setting, in the order the settings form shows them. */
export const SETTING_NAMES: readonly SettingName[] = [
  'deviceName', 'downloadDir', 'uploadLimit', 'downloadLimit', 'listen', 'bootstrap', 'mdns',
  'relays', 'stun', 'upnp', 'relayService', 'publicNetwork'
]

/** What a host may give a node for one run: any of the settings, and the DHT network's name. */
export interface NodeOptions extends Partial<SettingsValues> {
  /** Nodes only talk DHT (and mDNS) with nodes of the same network. */
  readonly network?: string
}

export type NodeOptionName = keyof NodeOptions

/** One mistake: which option (or unknown field) and what is wrong, in words a person can act on. */
export interface SettingMistake {
  readonly field: string
  readonly message: string
}

/** Most addresses one list setting holds. */
export const MAX_ADDRESSES = 32
/** Longest address accepted, in characters. */
export const MAX_ADDRESS_LENGTH = 1024
/** Longest device name, in characters. */
export const MAX_DEVICE_NAME = 64

/** Longest network name: it becomes part of the mDNS service name, whose labels are at most 63 bytes. */
export const MAX_NETWORK_NAME = 48

const EXAMPLE_LISTEN = '/ip4/0.0.0.0/tcp/4001'
const EXAMPLE_PEER = '/ip4/192.0.2.7/tcp/4001/p2p/12D3KooW…'
const EXAMPLE_STUN = 'stun:relay.example.org:3478'
/** "/name/value" segments, no spaces; the engine parses the protocols themselves. */
const MULTIADDR_SHAPE = /^(\/[^/\s]+)+$/
const ENDS_WITH_PEER = /\/p2p\/[A-Za-z0-9]+$/
const NETWORK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

/** Checks one listen address's shape; null when it looks right. */
export function checkListenAddress (addr: unknown): string | null {
  if (typeof addr !== 'string') return 'Each listen address must be text.'
  if (addr.length > MAX_ADDRESS_LENGTH) return `"${addr.slice(0, 80)}…" is longer than ${MAX_ADDRESS_LENGTH} characters.`
  if (!MULTIADDR_SHAPE.test(addr)) return `"${addr.slice(0, 120)}" is not a multiaddr (it should look like ${EXAMPLE_LISTEN}).`
  return null
}

/** Checks one bootstrap address's shape; null when it looks right. */
export function checkBootstrapAddress (addr: unknown): string | null {
  if (typeof addr !== 'string') return 'Each bootstrap address must be text.'
  if (addr.length > MAX_ADDRESS_LENGTH) return `"${addr.slice(0, 80)}…" is longer than ${MAX_ADDRESS_LENGTH} characters.`
  if (!MULTIADDR_SHAPE.test(addr) || !ENDS_WITH_PEER.test(addr)) {
    return `"${addr.slice(0, 120)}" is not a multiaddr ending in /p2p/<peer id> (it should look like ${EXAMPLE_PEER}).`
  }
  return null
}

/** Checks one relay address's shape (like a bootstrap address: it names the relay's peer); null when it looks right. */
export function checkRelayAddress (addr: unknown): string | null {
  if (typeof addr !== 'string') return 'Each relay address must be text.'
  if (addr.length > MAX_ADDRESS_LENGTH) return `"${addr.slice(0, 80)}…" is longer than ${MAX_ADDRESS_LENGTH} characters.`
  if (!MULTIADDR_SHAPE.test(addr) || !ENDS_WITH_PEER.test(addr)) {
    return `"${addr.slice(0, 120)}" is not a relay address: a multiaddr ending in /p2p/<peer id>, as \`peershare relay\` prints it (e.g. ${EXAMPLE_PEER}).`
  }
  if (addr.includes('/p2p-circuit')) return `"${addr.slice(0, 120)}" is an address through a relay; give the relay's own address.`
  return null
}

/** stun:HOST[:PORT] or stuns:, turn:, turns: (RFC 7064/7065), no spaces. */
const STUN_URL = /^(stuns?|turns?):[^\s/?#]+$/

/** Checks one STUN server URL; null when it looks right. */
export function checkStunUrl (url: unknown): string | null {
  if (typeof url !== 'string') return 'Each STUN server must be text.'
  if (url.length > MAX_ADDRESS_LENGTH || !STUN_URL.test(url)) {
    return `"${String(url).slice(0, 120)}" is not a STUN server URL (it should look like ${EXAMPLE_STUN}).`
  }
  return null
}

/** Checks a DHT network name; null when fine. */
export function checkNetworkName (name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return 'The network needs a name.'
  if (name.length > MAX_NETWORK_NAME || !NETWORK_NAME.test(name)) {
    return `"${name.slice(0, 80)}" is not a network name: use up to ${MAX_NETWORK_NAME} letters, digits, ".", "_" or "-", starting with a letter or digit.`
  }
  return null
}

/** Checks a device name; null when fine. */
export function checkDeviceName (name: unknown): string | null {
  if (typeof name !== 'string' || name.trim() === '') return 'The device needs a name, e.g. "Anna\'s laptop".'
  if (name.length > MAX_DEVICE_NAME) return `A device name is at most ${MAX_DEVICE_NAME} characters (got ${name.length}).`
  // Control characters would garble every list the name is shown in, here and on other devices.
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'A device name cannot hold control characters (tabs, line breaks).'
  return null
}

/** Checks one option's value; null when fine. */
export function checkNodeOption (name: NodeOptionName, value: unknown): string | null {
  switch (name) {
    case 'downloadDir':
      if (typeof value !== 'string' || value.trim() === '') return 'The download folder needs a path.'
      if (!isAbsolutePath(value)) return `The download folder must be an absolute path (got "${value.slice(0, 200)}").`
      return null
    case 'uploadLimit':
    case 'downloadLimit':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
        ? null
        : `A bandwidth limit is a whole number of bytes per second, 0 for unlimited (got ${JSON.stringify(value)?.slice(0, 40)}).`
    case 'mdns':
      return typeof value === 'boolean' ? null : `mDNS is on (true) or off (false) (got ${JSON.stringify(value)?.slice(0, 40)}).`
    case 'listen':
      return checkList(value, checkListenAddress, 'listen addresses')
    case 'bootstrap':
      return checkList(value, checkBootstrapAddress, 'bootstrap addresses')
    case 'relays':
      return checkList(value, checkRelayAddress, 'relay addresses')
    case 'stun':
      return checkList(value, checkStunUrl, 'STUN servers')
    case 'upnp':
      return typeof value === 'boolean' ? null : `UPnP is on (true) or off (false) (got ${JSON.stringify(value)?.slice(0, 40)}).`
    case 'relayService':
      return typeof value === 'boolean' ? null : `Offering a relay is on (true) or off (false) (got ${JSON.stringify(value)?.slice(0, 40)}).`
    case 'publicNetwork':
      return value === 'ask' || value === 'on' || value === 'off' ? null : `The public network setting is "on", "off" or "ask" (got ${JSON.stringify(value)?.slice(0, 40)}).`
    case 'network':
      return checkNetworkName(value)
    case 'deviceName':
      return checkDeviceName(value)
  }
}

/**
 * The first mistake in a settings update as it arrives from a client (or in
 * a host's node options, with `network` allowed), or null when every field
 * is known and well-formed.
 */
export function findSettingsMistake (update: unknown, options: { readonly allowNetwork?: boolean } = {}): SettingMistake | null {
  if (update == null || typeof update !== 'object' || Array.isArray(update)) {
    return { field: '', message: 'Settings are sent as an object of the settings to change.' }
  }
  const known: readonly string[] = options.allowNetwork === true ? [...SETTING_NAMES, 'network'] : SETTING_NAMES
  for (const [field, value] of Object.entries(update)) {
    if (value === undefined) continue
    if (!known.includes(field)) {
      return { field, message: `"${field.slice(0, 40)}" is not a setting (the settings are ${SETTING_NAMES.join(', ')}).` }
    }
    const message = checkNodeOption(field as NodeOptionName, value)
    if (message != null) return { field, message }
  }
  return null
}

/** Whether a path is absolute on POSIX ("/…") or Windows ("C:\…", "\\server\…"). */
export function isAbsolutePath (path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\')
}

function checkList (value: unknown, checkOne: (entry: unknown) => string | null, what: string): string | null {
  if (!Array.isArray(value)) return `The ${what} are a list.`
  if (value.length > MAX_ADDRESSES) return `At most ${MAX_ADDRESSES} ${what} are accepted (got ${value.length}).`
  for (const entry of value) {
    const message = checkOne(entry)
    if (message != null) return message
  }
  return null
}
