/**
 * Pure conversions between SettingsView and the settings form: the listen
 * port read from and written into the `listen` multiaddrs, bootstrap peers
 * as one multiaddr per line, and byte-rate caps as a number and a unit.
 */
import type { SettingsView } from '../../../../shared/index.js'

export type RateUnit = 'KiB/s' | 'MiB/s'
export const RATE_UNITS: readonly RateUnit[] = ['KiB/s', 'MiB/s']
const UNIT_BYTES: Record<RateUnit, number> = { 'KiB/s': 1024, 'MiB/s': 1024 * 1024 }

/** The form's fields, as text the inputs hold. */
export interface SettingsForm {
  readonly downloadDir: string
  readonly port: string
  readonly bootstrap: string
  readonly mdns: boolean
  readonly uploadLimit: string
  readonly uploadUnit: RateUnit
  readonly downloadLimit: string
  readonly downloadUnit: RateUnit
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

export function toForm (s: SettingsView): SettingsForm {
  const up = rateToForm(s.uploadLimit)
  const down = rateToForm(s.downloadLimit)
  return {
    downloadDir: s.downloadDir,
    port: String(listenPort(s.listen)),
    bootstrap: s.bootstrap.join('\n'),
    mdns: s.mdns,
    uploadLimit: up.value,
    uploadUnit: up.unit,
    downloadLimit: down.value,
    downloadUnit: down.unit
  }
}

/** The form as an updateSettings request, or the first mistake in words. */
export function fromForm (form: SettingsForm, current: SettingsView): { ok: true, value: Partial<SettingsView> } | { ok: false, field: keyof SettingsForm, message: string } {
  const port = Number(form.port.trim())
  if (!/^\d+$/.test(form.port.trim()) || port > 65535) return { ok: false, field: 'port', message: 'The listen port is a whole number from 0 (any free port) to 65535.' }
  const bootstrap = form.bootstrap.split('\n').map(l => l.trim()).filter(l => l !== '')
  const badPeer = bootstrap.find(a => !a.startsWith('/') || !a.includes('/p2p/'))
  if (badPeer != null) return { ok: false, field: 'bootstrap', message: `"${badPeer.slice(0, 80)}" is not a multiaddr ending in /p2p/<peer id>, e.g. /ip4/192.0.2.7/tcp/4001/p2p/12D3KooW….` }
  const upload = parseRate(form.uploadLimit, form.uploadUnit)
  if (upload == null) return { ok: false, field: 'uploadLimit', message: 'The upload limit is a number, 0 for unlimited.' }
  const download = parseRate(form.downloadLimit, form.downloadUnit)
  if (download == null) return { ok: false, field: 'downloadLimit', message: 'The download limit is a number, 0 for unlimited.' }
  if (form.downloadDir.trim() === '') return { ok: false, field: 'downloadDir', message: 'Choose a download folder.' }
  return {
    ok: true,
    value: {
      downloadDir: form.downloadDir.trim(),
      listen: port === listenPort(current.listen) ? [...current.listen] : withListenPort(current.listen, port),
      bootstrap,
      mdns: form.mdns,
      uploadLimit: upload,
      downloadLimit: download
    }
  }
}

function parseRate (text: string, unit: RateUnit): number | null {
  const t = text.trim() === '' ? '0' : text.trim()
  if (!/^\d+(\.\d+)?$/.test(t)) return null
  return Math.round(Number(t) * UNIT_BYTES[unit])
}

/** Which saved fields take effect only after a restart. */
export function needsRestart (before: SettingsView, after: Partial<SettingsView>): boolean {
  return (after.listen != null && after.listen.join() !== before.listen.join()) ||
    (after.bootstrap != null && after.bootstrap.join() !== before.bootstrap.join()) ||
    (after.mdns != null && after.mdns !== before.mdns)
}
