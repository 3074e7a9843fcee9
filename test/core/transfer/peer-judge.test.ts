/** Which source peers fell far behind: judged by delivered chunks against the fastest other peer. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { peersFallenBehind, type JudgedPeer } from '../../../electron/core/transfer/peer-judge.js'

const MiB = 1024 * 1024
const peer = (key: string, p: Partial<JudgedPeer>): JudgedPeer => ({ key, banned: false, asked: 1, waitingSince: 0, peakRate: 0, ...p })

describe('peer judge', () => {
  it('drops a peer that delivered nothing for longer than the grace while another delivers fast', () => {
    const drip = peer('drip', { waitingSince: 0 })
    const fast = peer('fast', { waitingSince: 9_000, peakRate: 50 * MiB })
    assert.deepEqual(peersFallenBehind([drip, fast], MiB, 6_000).map(p => p.key), ['drip'])
    assert.deepEqual(peersFallenBehind([drip, fast], MiB, 4_000), [], 'not before the grace')
  })

  it('leaves a slow peer alone while it keeps within the factor of the fastest', () => {
    const slow = peer('slow', { waitingSince: 0, peakRate: MiB })
    const fast = peer('fast', { peakRate: 4 * MiB })
    // One chunk takes 250 ms at the fastest rate: twenty times that is 5 s, the grace is 5 s.
    assert.deepEqual(peersFallenBehind([slow, fast], MiB, 4_900), [])
    assert.deepEqual(peersFallenBehind([slow, fast], MiB, 5_100).map(p => p.key), ['slow'])
  })

  it('judges nobody without another peer delivering, and never a peer with nothing asked', () => {
    assert.deepEqual(peersFallenBehind([peer('alone', {})], MiB, 60_000), [])
    assert.deepEqual(peersFallenBehind([peer('a', {}), peer('b', {})], MiB, 60_000), [])
    assert.deepEqual(peersFallenBehind([peer('idle', { asked: 0 }), peer('fast', { peakRate: MiB })], MiB, 60_000), [])
  })
})
