/**
 * "Open folder" from a host without Electron: which program shows a
 * finished download on each platform (on Linux only ever a folder goes to
 * xdg-open, never the file), and the message when there is no desktop.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { NoFileManagerError, revealCommand, revealInFolder } from '../../electron/host/reveal-in-folder.js'

describe('revealing a download', () => {
  it('selects the file in Finder and Explorer, and opens its folder on Linux', () => {
    assert.deepEqual(revealCommand('/Users/ana/movie.mkv', false, 'darwin', {}), { command: 'open', args: ['-R', '/Users/ana/movie.mkv'] })
    assert.deepEqual(revealCommand('C:\\Users\\ana\\movie.mkv', false, 'win32', {}), { command: 'explorer.exe', args: ['/select,"C:\\Users\\ana\\movie.mkv"'] })
    assert.deepEqual(revealCommand('/home/ana/dl/movie.mkv', false, 'linux', { DISPLAY: ':0' }), { command: 'xdg-open', args: ['/home/ana/dl'] })
    assert.deepEqual(revealCommand('/home/ana/dl/album', true, 'linux', { WAYLAND_DISPLAY: 'wayland-0' }), { command: 'xdg-open', args: ['/home/ana/dl/album'] })
    assert.equal(revealCommand('/home/ana/dl/movie.mkv', false, 'linux', {}), null)
  })

  it('says where the file is when there is no desktop to show it on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'peershare-reveal-'))
    try {
      const file = join(dir, 'movie.mkv')
      await writeFile(file, 'x')
      await assert.rejects(revealInFolder(file, 'linux', {}), (err: unknown) => {
        assert.ok(err instanceof NoFileManagerError)
        assert.match(err.message, /no graphical session/)
        assert.ok(err.message.includes(`The download is at ${file}.`))
        return true
      })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
