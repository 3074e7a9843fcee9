/**
 * What `peershare share` draws on a terminal while the files are hashed.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ShareProgressLine, formatShareLine } from '../../electron/cli/share-progress.js'
import type { ShareJobView } from '../../shared/index.js'

const JOB: ShareJobView = {
  id: 'j', path: '/data/photos', state: 'hashing', filesTotal: 2000, filesDone: 500, filesReused: 120,
  bytesTotal: 4 * 2 ** 30, bytesDone: 2 ** 30, rate: 200 * 2 ** 20, etaSeconds: 15, startedAt: 0
}

describe('share progress line', () => {
  it('shows percent, files, bytes, speed, ETA and the files not hashed again', () => {
    assert.match(formatShareLine(JOB, 140), /^\[#{8}-{22}\]  25\.0%  500\/2000 files  1\.0 GiB \/ 4\.0 GiB  200 MiB\/s  ETA 0:15  120 unchanged$/)
  })

  it('names how it ended and fits narrow terminals', () => {
    assert.match(formatShareLine({ ...JOB, state: 'cancelled', rate: 0, etaSeconds: 0 }, 140), /cancelled$/)
    assert.ok(formatShareLine(JOB, 40).length <= 40)
  })

  it('redraws in place and erases itself', () => {
    let written = ''
    const line = new ShareProgressLine({ write: (text: string) => { written += text }, columns: 140 })
    line.update(JOB)
    line.clear()
    // eslint-disable-next-line no-control-regex -- the terminal's escape codes are what it checks
    assert.match(written, /^\r\x1b\[K\[#+-+\] .+files.+\r\x1b\[K$/)
  })
})
