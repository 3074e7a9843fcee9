/** Acting on a download's sources: benching the peers that fell behind, stopping when every source is banned. */
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it, mock } from 'node:test'
import { BANNED_SOURCES_GRACE, SLOW_PEER_BACKOFF, SLOW_PEER_GRACE } from '../../../electron/core/defaults.js'
import { SourcesBannedError } from '../../../electron/core/errors.js'
import { SourceJudge } from '../../../electron/core/transfer/source-judge.js'
import { SourcePeer } from '../../../electron/core/transfer/source-peer.js'
import { Bitfield } from '../../../electron/core/util/bitfield.js'
import type { PeerId } from '@libp2p/interface'

const MiB = 1024 * 1024

function sourcePeer (key: string): SourcePeer {
  return new SourcePeer({ toString: () => key } as unknown as PeerId, new Bitfield(4), 'link')
}

function judgeOf (peers: Map<string, SourcePeer>): { judge: SourceJudge, dropped: string[], fatal: Error[] } {
  const dropped: string[] = []
  const fatal: Error[] = []
  const judge = new SourceJudge({
    peers,
    dropPeer: p => { dropped.push(p.key); peers.delete(p.key) },
    onFatal: err => { fatal.push(err) }
  }, { root: 'root', chunkSize: MiB })
  return { judge, dropped, fatal }
}

describe('source judge', () => {
  beforeEach(() => { mock.timers.enable({ apis: ['Date'], now: 1_000_000 }) })
  afterEach(() => { mock.timers.reset() })

  it('drops a peer that fell far behind and benches it, twice as long the next time', () => {
    const peers = new Map<string, SourcePeer>()
    const { judge, dropped } = judgeOf(peers)
    const bench = (): void => {
      const drip = sourcePeer('drip')
      drip.asked = 1
      drip.waitingSince = Date.now()
      const fast = sourcePeer('fast')
      fast.peakRate = 50 * MiB
      peers.set('drip', drip).set('fast', fast)
      mock.timers.tick(SLOW_PEER_GRACE + 1)
      fast.waitingSince = Date.now()
      judge.judgePeers()
    }
    bench()
    assert.deepEqual(dropped, ['drip'])
    assert.equal(judge.benchedNow('drip'), true)
    mock.timers.tick(SLOW_PEER_BACKOFF)
    assert.equal(judge.benchedNow('drip'), false, 'back after the backoff')
    bench()
    mock.timers.tick(SLOW_PEER_BACKOFF)
    assert.equal(judge.benchedNow('drip'), true, 'the second time, twice as long')
    judge.reset()
    assert.equal(judge.benchedNow('drip'), false, 'a new run judges afresh')
  })

  it('stops the run when every source is banned and none other came within the grace', () => {
    const liar = sourcePeer('liar')
    liar.banned = true
    liar.bad = 2
    const peers = new Map([['liar', liar]])
    const { judge, fatal } = judgeOf(peers)
    judge.checkSources()
    mock.timers.tick(BANNED_SOURCES_GRACE - 1)
    judge.checkSources()
    assert.equal(fatal.length, 0, 'not before the grace')
    // Another source turns up meanwhile: the clock starts again once it too is banned.
    const other = sourcePeer('other')
    peers.set('other', other)
    mock.timers.tick(1)
    judge.checkSources()
    other.banned = true
    judge.checkSources()
    mock.timers.tick(BANNED_SOURCES_GRACE)
    judge.checkSources()
    assert.equal(fatal.length, 1)
    assert.ok(fatal[0] instanceof SourcesBannedError)
    assert.match(fatal[0].message, /liar \(2 bad chunks\)/)
  })
})
