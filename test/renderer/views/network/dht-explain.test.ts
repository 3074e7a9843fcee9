/** What the Network view says about the DHT: bucket names, what the table's shape means, and rows named by their share. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bucketLabel, routingTableNote, shareLabel } from '../../../../renderer/src/views/network/dht-explain.js'

const bucket = (prefix: string, peers: number): { prefix: string, depth: number, peers: string[] } => ({ prefix, depth: prefix.length, peers: Array.from({ length: peers }, (_, i) => `p${i}`) })

describe('DHT explanations', () => {
  it('name a bucket by the first bits of its IDs', () => {
    assert.equal(bucketLabel('', 0), 'all IDs')
    assert.equal(bucketLabel('01', 2), '01…')
  })

  it('say why one part-full bucket is normal, and what many buckets do', () => {
    assert.match(routingTableNote({ buckets: [], kBucketSize: 20, routingTableSize: 0 }), /No DHT peers yet/)
    assert.match(routingTableNote({ buckets: [bucket('', 1)], kBucketSize: 20, routingTableSize: 1 }), /^Its one peer fits in one bucket: a bucket splits only once it holds k = 20/)
    assert.match(routingTableNote({ buckets: [bucket('', 3)], kBucketSize: 20, routingTableSize: 3 }), /^All 3 peers fit in one bucket/)
    assert.match(routingTableNote({ buckets: [bucket('0', 20), bucket('1', 7)], kBucketSize: 20, routingTableSize: 27 }), /27 peers are spread over 2 buckets/)
  })

  it('name a row by its share when known', () => {
    const root = 'bafkreidqji6olmgker75rh2zcjplprmvnf7cs6yimvqnuphrrlha7vqoey'
    assert.deepEqual(shareLabel(root, 'holiday.mp4'), { title: 'holiday.mp4', detail: 'bafkreidqj…7vqoey' })
    assert.equal(shareLabel(root, undefined).title, 'Someone else\'s share')
  })
})
