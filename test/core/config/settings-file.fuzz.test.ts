/**
 * Property-based fuzzing of a profile's settings.json, which a person may
 * edit by hand: any bytes in the file give checked settings or
 * SettingsFileError naming the file, and the check of a settings object
 * answers any JSON value with a mistake or none, never a throw.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { findSettingsProblem, pickSettings } from '../../../electron/core/config/settings-check.js'
import { readSettingsFile } from '../../../electron/core/config/settings-file.js'
import { fuzzRuns } from '../../support/fuzz.js'

describe('settings files (fuzz)', () => {
  let dir = ''
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'peershare-settings-fuzz-')) })
  after(async () => { await rm(dir, { recursive: true, force: true }) })

  it('any bytes in settings.json: checked settings or SettingsFileError naming the file', async () => {
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 512 }),
      fc.json().map(j => new TextEncoder().encode(j)),
      fc.record({ downloadDir: fc.jsonValue(), uploadLimit: fc.jsonValue(), listen: fc.jsonValue(), mdns: fc.jsonValue() }, { requiredKeys: [] })
        .map(o => new TextEncoder().encode(JSON.stringify(o)))
    )
    const file = join(dir, 'settings.json')
    await fc.assert(fc.asyncProperty(content, async bytes => {
      await writeFile(file, bytes)
      try {
        const saved = await readSettingsFile(file)
        assert.equal(findSettingsProblem(pickSettings(saved)), null, 'what is read has passed the check')
      } catch (err) {
        assert.equal((err as Error).name, 'SettingsFileError', `threw ${(err as Error).name}: ${(err as Error).message}`)
        assert.ok((err as Error).message.includes(file), 'the message names the file')
      }
    }), { numRuns: Math.min(fuzzRuns(), 2000) })
  })

  it('the check answers any JSON value without throwing', () => {
    fc.assert(fc.property(fc.jsonValue(), value => {
      const mistake = findSettingsProblem(value)
      assert.ok(mistake == null || (typeof mistake.field === 'string' && typeof mistake.message === 'string'))
    }), { numRuns: fuzzRuns() })
  })
})
