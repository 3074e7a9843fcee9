/**
 * The CLI's tables, as `ls`, `peers` and `dht` print them.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatTable } from '../../electron/cli/table.js'

describe('formatTable', () => {
  it('pads columns and right-aligns numbers', () => {
    assert.deepEqual(formatTable([{ header: 'NAME' }, { header: 'SIZE', align: 'right' }], [['a', '1 B'], ['longer', '10 KiB']]), [
      'NAME      SIZE',
      'a          1 B',
      'longer  10 KiB'
    ])
  })
})
