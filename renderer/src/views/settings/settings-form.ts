/**
 * Pure conversions between SettingsView and the settings form: the listen
 * port read from and written into the `listen` multiaddrs, bootstrap peers,
 * relays and STUN servers as one per line, and byte-rate caps as a number and a unit. The
 * form sends only the settings the person changed, so values given on the
 * command line for one run are never saved by a save of something else.
 */
import { checkNodeOption, type SettingName, type SettingsValues, type SettingsView } from '../../../../shared/index.js'

export type RateUnit = 'KiB/s' | 'MiB/s'
export const RATE_UNITS: readonly RateUnit[] = ['KiB/s', 'MiB/s']
const UNIT_BYTES: Record<RateUnit, number> = { 'KiB/s': 1024, 'MiB/s': 1024 * 1024 }

/** The form's fields, as text the inputs hold. */
export interface SettingsForm {
  readonly deviceName: string
  readonly downloadDir: string
  readonly port: string
  readonly bootstrap: string
  readonly mdns: boolean
  readonly uploadLimit: string
  readonly uploadUnit: RateUnit
  readonly downloadLimit: string
  readonly downloadUnit: RateUnit
  /** One relay multiaddr per line. */
  readonly relays: string
  /** One STUN server URL per line. */
  readonly stun: string
  readonly upnp: boolean
  readonly relayService: boolean
  readonly publicNetwork: boolean
}

const TCP_PORT = /^(\/(?:ip4|ip6|dns|dns4|dns6)\/[^/]+\/tcp\/)(\d+)(.*)$/

/** The port of the first plain TCP listen address (not WebSockets); 0 when none or random. */
export function listenPort (listen: readonly string[]): number {
  for (const addr of listen) {
    const m = TCP_PORT.exec(addr)
    if (m != null && !m[3].includes('/ws')) return Number(m[2])
  }
  return 0
}

/**
 * Writes `port` into every plain TCP listen address (WebSocket ones keep
 * theirs: one port cannot serve both); adds /ip4/0.0.0.0/tcp/<port> when
 * there is none.
 */
export function withListenPort (listen: readonly string[], port: number): string[] {
  let replaced = false
  const out = listen.map(addr => {
    const m = TCP_PORT.exec(addr)
    if (m == null || m[3].includes('/ws')) return addr
    replaced = true
    return `${m[1]}${port}${m[3]}`
  })
  if (!replaced) out.unshift(`/ip4/0.0.0.0/tcp/${port}`)
  return out
}

/** A byte rate as a number in the unit that shows it whole where possible. */
export function rateToForm (bytesPerSecond: number): { value: string, unit: RateUnit } {
  if (bytesPerSecond <= 0) return { value: '0', unit: 'MiB/s' }
  if (bytesPerSecond % UNIT_BYTES['MiB/s'] === 0) return { value: String(bytesPerSecond / UNIT_BYTES['MiB/s']), unit: 'MiB/s' }
  return { value: String(Math.round(bytesPerSecond / 1024 * 100) / 100), unit: 'KiB/s' }
}

/**
 * The form as it opens: the download folder and the caps as they are now;
 * listen port, bootstrap peers and mDNS as saved, since a change to those
 * applies at the next start.
 */
export function toForm (s: SettingsView): SettingsForm {
  const up = rateToForm(s.uploadLimit)
  const down = rateToForm(s.downloadLimit)
  return {
    deviceName: s.deviceName,
    downloadDir: s.downloadDir,
    port: String(listenPort(s.saved.listen)),
    bootstrap: s.saved.bootstrap.join('\n'),
    mdns: s.saved.mdns,
    uploadLimit: up.value,
    uploadUnit: up.unit,
    downloadLimit: down.value,
    downloadUnit: down.unit,
    relays: s.saved.relays.join('\n'),
    stun: s.saved.stun.join('\n'),
    upnp: s.saved.upnp,
    relayService: s.saved.relayService,
    publicNetwork: s.saved.publicNetwork === 'on'
  }
}

/** An updateSettings request, or the first mistake and the field that holds it. */
export type FormResult =
  | { readonly ok: true, readonly value: Partial<SettingsValues> }
  | { readonly ok: false, readonly field: keyof SettingsForm, readonly message: string }

/** Which form field shows each setting. */
export const FIELD_OF: Readonly<Record<SettingName, keyof SettingsForm>> = {
  deviceName: 'deviceName',
  downloadDir: 'downloadDir',
  uploadLimit: 'uploadLimit',
  downloadLimit: 'downloadLimit',
  listen: 'port',
  bootstrap: 'bootstrap',
  mdns: 'mdns',
  relays: 'relays',
  stun: 'stun',
  upnp: 'upnp',
  relayService: 'relayService',
  publicNetwork: 'publicNetwork'
}

/**
 * The settings the person changed since the form opened on `view`, as an
 * updateSettings request (empty when nothing changed), or the first mistake
 * in words. Each value gets the checks the engine runs too.
 */
export function fromForm (form: SettingsForm, view: SettingsView): FormResult {
  const before = toForm(view)
  const edited = (...fields: ReadonlyArray<keyof SettingsForm>): boolean => fields.some(field => form[field] !== before[field])
  const value: { -readonly [K in SettingName]?: SettingsValues[K] } = {}

  if (edited('deviceName')) value.deviceName = form.deviceName.trim()
  if (edited('downloadDir')) value.downloadDir = form.downloadDir.trim()
  if (edited('uploadLimit', 'uploadUnit')) {
    const upload = parseRate(form.uploadLimit, form.uploadUnit)
    if (upload == null) return { ok: false, field: 'uploadLimit', message: 'The upload limit is a number, 0 for unlimited.' }
    value.uploadLimit = upload
  }
  if (edited('downloadLimit', 'downloadUnit')) {
    const download = parseRate(form.downloadLimit, form.downloadUnit)
    if (download == null) return { ok: false, field: 'downloadLimit', message: 'The download limit is a number, 0 for unlimited.' }
    value.downloadLimit = download
  }
  if (edited('port')) {
    const port = Number(form.port.trim())
    if (!/^\d+$/.test(form.port.trim()) || port > 65535) return { ok: false, field: 'port', message: 'The listen port is a whole number from 0 (any free port) to 65535.' }
    value.listen = withListenPort(view.saved.listen, port)
  }
  if (edited('bootstrap')) value.bootstrap = lines(form.bootstrap)
  if (edited('mdns')) value.mdns = form.mdns
  if (edited('relays')) value.relays = lines(form.relays)
  if (edited('stun')) value.stun = lines(form.stun)
  if (edited('upnp')) value.upnp = form.upnp
  if (edited('relayService')) value.relayService = form.relayService
  if (edited('publicNetwork')) value.publicNetwork = form.publicNetwork ? 'on' : 'off'

  for (const name of Object.keys(value) as SettingName[]) {
    const message = checkNodeOption(name, value[name])
    if (message != null) return { ok: false, field: FIELD_OF[name], message }
  }
  return { ok: true, value }
}

/** A textarea's non-empty lines, trimmed. */
function lines (text: string): string[] {
  return text.split('\n').map(l => l.trim()).filter(l => l !== '')
}

function parseRate (text: string, unit: RateUnit): number | null {
  const t = text.trim() === '' ? '0' : text.trim()
  if (!/^\d+(\.\d+)?$/.test(t)) return null
  return Math.round(Number(t) * UNIT_BYTES[unit])
}

/** Settings that apply the next time PeerShare starts. */
export const ON_RESTART: readonly SettingName[] = ['listen', 'bootstrap', 'mdns', 'relays', 'stun', 'upnp', 'relayService', 'publicNetwork']

/** Whether a saved change takes effect only after a restart. */
export function needsRestart (after: Partial<SettingsValues>): boolean {
  return ON_RESTART.some(name => after[name] != null)
}
