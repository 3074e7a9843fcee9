/**
 * The settings of a running engine (config/ owns them: the profile's file,
 * the host's options for this run, the checks) tied to what they steer
 * inside the engine: the rate limits, which apply at start and at once after
 * each update.
 */
import { ProfileSettings } from '../config/index.js'
import type { SettingsValues, SettingsView } from '../../../shared/index.js'
import type { EngineInit } from '../types.js'
import type { RateLimiter } from '../util/rate-limiter.js'

export interface EngineSettingsComponents {
  uploadLimiter: RateLimiter
  downloadLimiter: RateLimiter
}

export class EngineSettings {
  private readonly components: EngineSettingsComponents
  private readonly settings: ProfileSettings

  /** The profile's settings with the host's options over them; the rate limits apply from now on. */
  static async load (components: EngineSettingsComponents, profileDir: string, init: EngineInit): Promise<EngineSettings> {
    return new EngineSettings(components, await ProfileSettings.load(profileDir, init))
  }

  private constructor (components: EngineSettingsComponents, settings: ProfileSettings) {
    this.components = components
    this.settings = settings
    this.applyLimits()
  }

  /** The values in effect for this run. */
  get current (): SettingsValues {
    return this.settings.current
  }

  /** What the settings command answers. */
  view (): SettingsView {
    return this.settings.view()
  }

  /** Checks and saves an update (config/); the rate limits follow at once. */
  async update (req: unknown): Promise<SettingsView> {
    const view = await this.settings.update(req)
    this.applyLimits()
    return view
  }

  private applyLimits (): void {
    this.components.uploadLimiter.setRate(this.settings.current.uploadLimit)
    this.components.downloadLimiter.setRate(this.settings.current.downloadLimit)
  }
}
