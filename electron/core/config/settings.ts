/**
 * A running instance's settings, from three layers: the defaults
 * (defaults.ts), what the person saved (settings.json), and the options a
 * host was started with for this run only (flags such as --listen). The
 * flags win for this run and are never saved; an update saves only the
 * settings whose value it changes, after the full check, so a mistake is
 * refused before it can reach the file.
 */
import path from 'node:path'
import { defaultSettings } from '../defaults.js'
import { log } from '../logger.js'
import { profilePath } from '../profile/index.js'
import { InvalidSettingError, findSettingsProblem, pickSettings, sameSetting } from './settings-check.js'
import { readSettingsFile, writeSettingsFile, type SavedSettings } from './settings-file.js'
import type { NodeOptions, SettingName, SettingsValues, SettingsView } from '../../../shared/index.js'

const logger = log('settings')

/** Settings a running node takes up at once; the others (listen, bootstrap, mdns, and the reach settings) wait for the next start. */
const APPLY_NOW: ReadonlySet<SettingName> = new Set(['deviceName', 'downloadDir', 'uploadLimit', 'downloadLimit'])

/** The settings of one profile for one run. */
export class ProfileSettings {
  readonly #file: string
  /** The defaults of this profile (its download folder is its own). */
  readonly #defaults: SettingsValues
  #saved: SavedSettings
  #current: SettingsValues
  readonly #fromFlags: Set<SettingName>
  /** Updates run one at a time, so each builds on the file the last one wrote. */
  #updating: Promise<unknown> = Promise.resolve()

  private constructor (file: string, defaults: SettingsValues, saved: SavedSettings, flags: Partial<SettingsValues>) {
    this.#file = file
    this.#defaults = defaults
    this.#saved = saved
    this.#current = { ...this.#savedValues(), ...normalize(flags) }
    this.#fromFlags = new Set(Object.keys(flags) as SettingName[])
  }

  /**
   * Loads a profile's settings with the host's options for this run on top
   * (any other fields of `flags`, such as the rest of an EngineInit, are not
   * looked at).
   * Throws InvalidSettingError for a bad option and SettingsFileError for a
   * settings.json that cannot be used; neither is changed or replaced.
   */
  static async load (profileDir: string, flags: NodeOptions = {}): Promise<ProfileSettings> {
    const given = pickSettings(flags)
    const mistake = findSettingsProblem(flags.network === undefined ? given : { ...given, network: flags.network }, { allowNetwork: true })
    if (mistake != null) throw new InvalidSettingError(mistake, 'flags')
    const file = profilePath(profileDir, 'settings')
    return new ProfileSettings(file, defaultSettings(profileDir), await readSettingsFile(file), given)
  }

  /** The values in effect for this run. */
  get current (): SettingsValues {
    return this.#current
  }

  /** What the settings command answers. */
  view (): SettingsView {
    return { ...this.#current, fromFlags: [...this.#fromFlags], saved: this.#savedValues() }
  }

  /**
   * Checks an update in full and saves the settings whose value it changes;
   * those that apply at once also take effect for this run (and stop being
   * the flags'). Throws InvalidSettingError, with nothing saved, for a
   * mistake, and SettingsWriteError when the file cannot be written.
   */
  async update (update: unknown): Promise<SettingsView> {
    const mistake = findSettingsProblem(update)
    if (mistake != null) throw new InvalidSettingError(mistake, 'update')
    const requested = normalize(pickSettings(update as object))
    const run = this.#updating.then(async () => { await this.#apply(requested) })
    this.#updating = run.catch(() => {})
    await run
    return this.view()
  }

  async #apply (requested: Partial<SettingsValues>): Promise<void> {
    const saved = this.#savedValues()
    const changed = (Object.keys(requested) as SettingName[]).filter(name => !sameSetting(requested[name], saved[name]))
    if (changed.length > 0) {
      const next = { ...this.#saved, ...Object.fromEntries(changed.map(name => [name, requested[name]])) }
      await writeSettingsFile(this.#file, next)
      this.#saved = next
      logger('saved %s', changed.join(', '))
    }
    for (const name of Object.keys(requested) as SettingName[]) {
      if (!APPLY_NOW.has(name) || sameSetting(requested[name], this.#current[name])) continue
      this.#current = { ...this.#current, [name]: requested[name] }
      this.#fromFlags.delete(name)
    }
  }

  /** The defaults with the saved settings over them: what a start without flags uses. */
  #savedValues (): SettingsValues {
    return { ...this.#defaults, ...pickSettings(this.#saved) }
  }
}

/** Checked values in the form they are used and saved in: absolute, normalised paths; copied lists. */
function normalize (values: Partial<SettingsValues>): Partial<SettingsValues> {
  const out: Record<string, unknown> = { ...values }
  if (values.downloadDir != null) out.downloadDir = path.resolve(values.downloadDir)
  if (values.deviceName != null) out.deviceName = values.deviceName.trim()
  if (values.listen != null) out.listen = [...values.listen]
  if (values.bootstrap != null) out.bootstrap = [...values.bootstrap]
  if (values.relays != null) out.relays = [...values.relays]
  if (values.stun != null) out.stun = [...values.stun]
  return out as Partial<SettingsValues>
}
