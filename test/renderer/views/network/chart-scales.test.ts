/** The bandwidth chart's scales: one unit for the whole chart, from its peak, and time ticks in words. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatRateIn, rateUnitFor, timeTick } from '../../../../renderer/src/views/network/chart-scales.js'

describe('bandwidth chart scales', () => {
  it('pick the largest unit the peak reaches, and use it for every number', () => {
    assert.equal(rateUnitFor(0).label, 'KiB/s')
    assert.equal(rateUnitFor(500).label, 'B/s')
    assert.equal(rateUnitFor(300 * 1024).label, 'KiB/s')
    assert.equal(rateUnitFor(4 * 1024 * 1024).label, 'MiB/s')
    const mib = rateUnitFor(4 * 1024 * 1024)
    assert.equal(formatRateIn(3.2 * 1024 * 1024, mib), '3.2 MiB/s')
    assert.equal(formatRateIn(512 * 1024, mib), '0.5 MiB/s', 'a small rate stays in the chart\'s unit')
    assert.equal(formatRateIn(0, mib), '0 MiB/s')
  })

  it('label the time axis in words', () => {
    assert.equal(timeTick(0), 'now')
    assert.equal(timeTick(-30), '30 s ago')
    assert.equal(timeTick(-60), '1 min ago')
    assert.equal(timeTick(-90), '1:30 ago')
    assert.equal(timeTick(-120), '2 min ago')
  })
})
