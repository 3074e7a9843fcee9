/** Pairing codes and links as a person types or pastes them, and the errors they see for a bad one. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkDeviceName, formatPairingLink, InvalidPairingError, parsePairingInput } from '../../shared/index.js'

const PEER = '12D3KooWRRSBNbW4FNDtZAUMRBXnjvDqmRF6Q2GEfzNwZoMmh1Sf'
const ADDR = `/ip4/192.168.1.20/tcp/4001/p2p/${PEER}`

describe('pairing codes and links', () => {
  it('takes a code as typed, spaces and dashes aside', () => {
    assert.deepEqual(parsePairingInput(' 1234-5678 '), { code: '12345678' })
  })

  it('round-trips a pairing link, the code in its fragment', () => {
    const link = formatPairingLink({ peerId: PEER, peers: [ADDR], code: '87654321' })
    assert.ok(link.startsWith(`peershare-pair://${PEER}?`))
    assert.ok(link.endsWith('#code=87654321'))
    assert.deepEqual(parsePairingInput(link), { code: '87654321', link: { peerId: PEER, peers: [ADDR], code: '87654321' } })
  })

  const bad: Array<[string, RegExp]> = [
    ['', /Type the code/],
    ['12ab', /digits/],
    [`peershare-pair://${PEER}?peer=${encodeURIComponent(ADDR)}`, /no code after #code=/],
    ['peershare-pair://not-a-peer#code=12345678', /does not name a device/],
    [`peershare-pair://${PEER}?peer=${encodeURIComponent('/ip4/1.2.3.4/tcp/1/p2p/12D3KooWother')}#code=12345678`, /does not end in/]
  ]
  for (const [input, message] of bad) {
    it(`refuses ${JSON.stringify(input.slice(0, 50))} with a clear message`, () => {
      assert.throws(() => parsePairingInput(input), (err: Error) => err instanceof InvalidPairingError && message.test(err.message))
    })
  }
})

describe('device names', () => {
  it('takes a person\'s name for a device and refuses what would garble a list', () => {
    assert.equal(checkDeviceName('Anna\'s laptop (work)'), null)
    assert.match(checkDeviceName('') ?? '', /needs a name/)
    assert.match(checkDeviceName('x'.repeat(65)) ?? '', /at most 64/)
    assert.match(checkDeviceName('two\nlines') ?? '', /control characters/)
  })
})
