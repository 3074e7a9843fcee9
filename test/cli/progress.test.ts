/**
 * What `peershare get` draws on a terminal.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ProgressLine, formatProgressLine } from '../../electron/cli/progress.js'
import { FAKE_TRANSFER } from '../host/fake-engine.js'

const PEER = { peerId: '12D3KooWa', foundVia: 'link' as const, has: 3, inFlight: 1, chunksReceived: 1, bytesReceived: 1, rate: 1, badChunks: 0, banned: false, path: 'lan' as const }

describe('progress line', () => {
  it('shows percent, bytes done and total, speed, ETA and peers', () => {
    const line = formatProgressLine({ ...FAKE_TRANSFER, peers: [PEER, { ...PEER, peerId: 'b' }, { ...PEER, peerId: 'c', banned: true }] }, 120)
    assert.match(line, /^\[#{10}-{20}\]  33\.3%  1\.0 MiB \/ 3\.0 MiB  512 KiB\/s  ETA 0:04  2 peers$/)
  })

  it('names states other than downloading and fits narrow terminals', () => {
    assert.match(formatProgressLine({ ...FAKE_TRANSFER, state: 'finding-peers', rate: 0, etaSeconds: null }), /ETA --:--  0 peers  finding peers$/)
    assert.ok(formatProgressLine(FAKE_TRANSFER, 40).length <= 40)
  })

  it('says a stalled download waits for a source instead of claiming a time left', () => {
    const waiting = { since: 0, missingChunks: 2, missingRanges: [[1, 2]] as Array<[number, number]>, connectedSources: 0, lastChunkAt: 0 }
    assert.match(formatProgressLine({ ...FAKE_TRANSFER, rate: 0, etaSeconds: null, waiting }, 120), /0 B\/s  waiting for a source  0 peers$/)
  })

  it('redraws in place with a carriage return and erases itself', () => {
    let written = ''
    const progress = new ProgressLine({ write: (text: string) => { written += text }, columns: 100 })
    progress.update(FAKE_TRANSFER)
    progress.update(FAKE_TRANSFER)
    progress.clear()
    // eslint-disable-next-line no-control-regex -- the terminal's escape codes are what it checks
    assert.match(written, /^\r\x1b\[K\[#+-+\] .+\r\x1b\[K$/)
  })
})
