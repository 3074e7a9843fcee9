/**
 * A profile is a data directory: the peer key (so the PeerId survives
 * restarts), settings.json, and the store. Instances with different profiles
 * share nothing and default to automatic ports, so they never collide.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import { defaultSettings } from './defaults.js'
import type { SettingsView } from '../../shared/index.js'
import type { PrivateKey } from '@libp2p/interface'

export const PROFILE_PATHS = {
  key: 'peer-key',
  settings: 'settings.json',
  store: 'store'
} as const

/** Creates the profile directory (private to the user) if missing. */
export async function ensureProfileDir (dir: string): Promise<string> {
  const abs = path.resolve(dir)
  await fs.mkdir(abs, { recursive: true, mode: 0o700 })
  return abs
}

/** Loads the profile's peer key, creating an Ed25519 key on first use. */
export async function loadOrCreatePeerKey (dir: string): Promise<PrivateKey> {
  const file = path.join(dir, PROFILE_PATHS.key)
  try {
    return privateKeyFromProtobuf(await fs.readFile(file))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`The peer key in ${file} is unreadable (${(err as Error).message}); move it away to get a new identity.`)
  }
  const key = await generateKeyPair('Ed25519')
  await writeAtomic(file, privateKeyToProtobuf(key), 0o600)
  return key
}

/** Reads settings.json merged over the defaults; unknown or mistyped fields fall back to defaults. */
export async function loadSettings (dir: string): Promise<SettingsView> {
  const defaults = defaultSettings()
  let stored: Partial<Record<keyof SettingsView, unknown>> = {}
  try {
    stored = JSON.parse(await fs.readFile(path.join(dir, PROFILE_PATHS.settings), 'utf8'))
  } catch {}
  return mergeSettings(defaults, stored)
}

/** Applies a partial update with type checks, returning the merged settings. */
export function mergeSettings (base: SettingsView, update: Partial<Record<keyof SettingsView, unknown>>): SettingsView {
  const strings = (v: unknown): string[] | undefined => Array.isArray(v) && v.every(s => typeof s === 'string') ? v : undefined
  const rate = (v: unknown): number | undefined => typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : undefined
  return {
    downloadDir: typeof update.downloadDir === 'string' && update.downloadDir !== '' ? path.resolve(update.downloadDir) : base.downloadDir,
    listen: strings(update.listen) ?? base.listen,
    bootstrap: strings(update.bootstrap) ?? base.bootstrap,
    mdns: typeof update.mdns === 'boolean' ? update.mdns : base.mdns,
    uploadLimit: rate(update.uploadLimit) ?? base.uploadLimit,
    downloadLimit: rate(update.downloadLimit) ?? base.downloadLimit
  }
}

export async function saveSettings (dir: string, settings: SettingsView): Promise<void> {
  await writeAtomic(path.join(dir, PROFILE_PATHS.settings), JSON.stringify(settings, null, 2) + '\n', 0o600)
}

/** Writes through a temporary file and a rename, so a crash leaves the old or the new content. */
export async function writeAtomic (file: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`
  await fs.writeFile(tmp, data, { mode })
  await fs.rename(tmp, file)
}
