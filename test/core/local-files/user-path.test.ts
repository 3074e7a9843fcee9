/** Paths a person types: `~` is their home folder, and a relative path is refused with a message that says what to give instead. */
import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import { RelativePathError, resolveUserPath } from '../../../electron/core/local-files/index.js'

const HOME = '/home/ana'

describe('typed paths', () => {
  it('expand ~ to the home folder', () => {
    assert.equal(resolveUserPath('~', HOME), HOME)
    assert.equal(resolveUserPath('~/Downloads', HOME), path.join(HOME, 'Downloads'))
    assert.equal(resolveUserPath('  ~/Videos/holiday.mp4 ', HOME), path.join(HOME, 'Videos', 'holiday.mp4'))
  })

  it('keep absolute paths, normalised', () => {
    assert.equal(resolveUserPath('/srv/share/../media/', HOME), '/srv/media')
  })

  it('refuse relative paths, naming them and saying how a full one starts', () => {
    for (const relative of ['Downloads/file.bin', './file.bin', '../x', '~bob/file', 'file.bin']) {
      assert.throws(() => resolveUserPath(relative, HOME), (err: unknown) => {
        assert.ok(err instanceof RelativePathError, String(err))
        assert.equal(err.code, 'bad-request')
        assert.ok(err.message.includes(`"${relative}" is not a full path`), err.message)
        assert.match(err.message, /starting with \/ \(or ~\/ for your home folder\)/)
        return true
      })
    }
  })

  it('refuse an empty path with an example', () => {
    assert.throws(() => resolveUserPath('   ', HOME), /Give the path of a file or folder, e\.g\./)
  })
})
