/**
 * settings.json: the settings a person saved, and only those. Settings left
 * at their defaults are not written (so a better default reaches every
 * profile that never chose otherwise), nor are options given for one run.
 * A file that cannot be used stops the start with an error naming the file
 * and the mistake: it is never silently replaced by the defaults, which
 * would lose what the person saved.
 */
import { readFile } from 'node:fs/promises'
import { PeerShareError } from '../errors.js'
import { writeFileAtomic } from '../profile/index.js'
import { findSettingsProblem, pickSettings } from './settings-check.js'

/** The whole saved object: the settings, plus any field a newer PeerShare wrote, kept as it is. */
export type SavedSettings = Readonly<Record<string, unknown>>

/** settings.json cannot be read or holds something PeerShare refuses. */
export class SettingsFileError extends PeerShareError {
  readonly file: string
  constructor (file: string, problem: string, options?: ErrorOptions) {
    super('bad-request', `PeerShare cannot use its settings file ${file}: ${problem} Fix it there, or move the file away to start from the default settings (shares and downloads are kept).`, options)
    this.name = 'SettingsFileError'
    this.file = file
  }
}

/** settings.json could not be written; the settings in effect are unchanged. */
export class SettingsWriteError extends PeerShareError {
  constructor (file: string, cause: unknown) {
    super('write-failed', `Could not save the settings to ${file} (${(cause as Error)?.message ?? String(cause)}). Check that the profile folder is writable; nothing was changed.`, { cause })
    this.name = 'SettingsWriteError'
  }
}

/** Reads and checks settings.json; an empty object when there is none yet. */
export async function readSettingsFile (file: string): Promise<SavedSettings> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw new SettingsFileError(file, `it cannot be read (${(err as Error).message}).`, { cause: err })
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new SettingsFileError(file, `it is not valid JSON (${(err as Error).message}).`, { cause: err })
  }
  if (value == null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SettingsFileError(file, 'it should hold one JSON object of settings, e.g. { "downloadLimit": 1048576 }.')
  }
  const mistake = findSettingsProblem(pickSettings(value))
  if (mistake != null) throw new SettingsFileError(file, `the setting "${mistake.field}" is refused: ${mistake.message}`)
  return value as SavedSettings
}

/** Writes settings.json atomically and durably. */
export async function writeSettingsFile (file: string, saved: SavedSettings): Promise<void> {
  try {
    await writeFileAtomic(file, `${JSON.stringify(saved, null, 2)}\n`)
  } catch (err) {
    throw new SettingsWriteError(file, err)
  }
}
