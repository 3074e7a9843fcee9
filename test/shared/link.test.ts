/** The link format: what a person pastes, and the errors they see for a bad one. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compactLink, formatLink, parseLink, InvalidLinkError, MAX_LINK_PEERS } from '../../shared/index.js'

const ROOT = 'bafkreidqji6olmgker75rh2zcjplprmvnf7cs6yimvqnuphrrlha7vqoey'
const PEER = '/ip4/192.168.1.20/tcp/4001/p2p/12D3KooWRRSBNbW4FNDtZAUMRBXnjvDqmRF6Q2GEfzNwZoMmh1Sf'

describe('links', () => {
  it('round-trips root, name with odd characters, size and peers', () => {
    const link = formatLink({ root: ROOT, name: 'Holiday photos & notes (2026).tar', size: 123456789, peers: [PEER] })
    assert.match(link, /^peershare:\/\/bafk/)
    assert.ok(!link.includes(' '), 'a link is one copy-pasteable token')
    assert.deepEqual(parseLink(`  ${link}\n`), { root: ROOT, name: 'Holiday photos & notes (2026).tar', size: 123456789, peers: [PEER] })
  })

  it('has a short form for QR codes: the root and the first (best) address, which parses back to the same share', () => {
    const second = '/ip4/10.0.0.5/tcp/4001/p2p/12D3KooWRRSBNbW4FNDtZAUMRBXnjvDqmRF6Q2GEfzNwZoMmh1Sf'
    const link = formatLink({ root: ROOT, name: 'Holiday photos & notes (2026).tar', size: 123456789, peers: [PEER, second] })
    const short = compactLink(link)
    assert.ok(short.length < link.length / 1.5, `${short.length} characters instead of ${link.length}`)
    assert.deepEqual(parseLink(short), { root: ROOT, name: undefined, size: undefined, peers: [PEER] })
    assert.equal(compactLink(ROOT), `peershare://${ROOT}`)
  })

  it('carries a private share\'s secret in the fragment, after everything else, and keeps it in the short form', () => {
    const secret = 'q2Jx9rV_8mN-4tYbL0pZ7wKc3sHd5fUe1gAiOjRkTnM'
    const link = formatLink({ root: ROOT, name: 'contract.pdf', size: 42, peers: [PEER], secret })
    assert.ok(link.endsWith(`#k=${secret}`), link)
    assert.equal(link.indexOf('#'), link.length - secret.length - 3, 'nothing but the secret after the #')
    assert.deepEqual(parseLink(link), { root: ROOT, name: 'contract.pdf', size: 42, peers: [PEER], secret })
    assert.equal(parseLink(compactLink(link)).secret, secret, 'a QR code opens the private share too')
    assert.equal(parseLink(`peershare://${ROOT}#k=${secret}`).secret, secret, 'a link with no query keeps its secret')
    assert.equal(parseLink(`peershare://${ROOT}?name=a`).secret, undefined, 'a public share\'s link has none')
  })

  it('accepts a bare root CID', () => {
    assert.deepEqual(parseLink(ROOT), { root: ROOT, peers: [] })
  })

  it('ignores fields it does not know', () => {
    assert.equal(parseLink(`peershare://${ROOT}?future=1&name=a`).name, 'a')
  })

  const bad: Array<[string, RegExp]> = [
    ['', /empty/],
    ['https://example.com/file', /Not a PeerShare link/],
    ['peershare://QmNotBase32', /not a base32 CIDv1/],
    [`peershare://${ROOT}?size=-5`, /not a whole number/],
    [`peershare://${ROOT}?size=1e9`, /not a whole number/],
    [`peershare://${ROOT}?peer=%2Fip4%2F1.2.3.4%2Ftcp%2F1`, /\/p2p\//],
    [`peershare://${ROOT}?name=%E0%A4%A`, /percent-encoded/],
    [`peershare://${ROOT}?${Array.from({ length: MAX_LINK_PEERS + 1 }, () => `peer=${encodeURIComponent(PEER)}`).join('&')}`, /more than/],
    [`peershare://${ROOT}?name=${'x'.repeat(5000)}`, /at most/],
    [`peershare://${ROOT}?name=a#k=short`, /secret .* is damaged/],
    [`peershare://${ROOT}#k=${'a'.repeat(30)}%20`, /secret .* is damaged/]
  ]
  for (const [input, message] of bad) {
    it(`refuses ${JSON.stringify(input.slice(0, 50))} with a clear message`, () => {
      assert.throws(() => parseLink(input), (err: Error) => err instanceof InvalidLinkError && message.test(err.message))
    })
  }
})
