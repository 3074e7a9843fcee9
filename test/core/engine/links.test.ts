/**
 * Links as the engine makes and reads them: a share's link carries this
 * node's best addresses first, and a link that only looks right (a root
 * that is no CID, a peer address that is no multiaddr) is refused with a
 * message naming the part that is wrong.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { multiaddr } from '@multiformats/multiaddr'
import { InvalidLinkError, parseLink } from '../../../shared/index.js'
import { checkLink, linkFor } from '../../../electron/core/engine/links.js'
import { LINK_ADDRESSES } from '../../../electron/core/defaults.js'

const ROOT = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'
const PEER = '12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA'

describe('links', () => {
  it('carry the best of this node\'s addresses: public, then LAN, then loopback', () => {
    const addrs = [
      `/ip4/127.0.0.1/tcp/4001/p2p/${PEER}`,
      `/ip4/192.168.1.20/tcp/4001/p2p/${PEER}`,
      `/ip4/127.0.0.1/tcp/4002/ws/p2p/${PEER}`,
      `/ip4/8.8.8.8/tcp/4001/p2p/${PEER}`,
      `/ip4/10.0.0.5/tcp/4001/p2p/${PEER}`
    ].map(a => multiaddr(a))
    const info = parseLink(linkFor(addrs, ROOT, 'holiday.mp4', 1234))
    assert.deepEqual(info, {
      root: ROOT,
      name: 'holiday.mp4',
      size: 1234,
      peers: [`/ip4/8.8.8.8/tcp/4001/p2p/${PEER}`, `/ip4/192.168.1.20/tcp/4001/p2p/${PEER}`, `/ip4/10.0.0.5/tcp/4001/p2p/${PEER}`, `/ip4/127.0.0.1/tcp/4001/p2p/${PEER}`].slice(0, LINK_ADDRESSES)
    })
  })

  it('are checked in full: root CID and every peer address', () => {
    const good = `peershare://${ROOT}?name=a.txt&peer=${encodeURIComponent(`/ip4/127.0.0.1/tcp/4001/p2p/${PEER}`)}`
    assert.equal(checkLink(good).root, ROOT)
    // The right shape for shared/link.ts, but not a CID: base32 of a truncated multihash.
    assert.throws(() => checkLink('bafkreigh2akiscaildcqabsyg3dfr6ch'), (err: Error) => err instanceof InvalidLinkError && /root "bafkreigh2akiscaildcqabsyg3dfr6ch" is not a valid CID/.test(err.message))
    const badPeer = `peershare://${ROOT}?peer=${encodeURIComponent('/ip4/999.1.1.1/tcp/1/p2p/x')}`
    assert.throws(() => checkLink(badPeer), (err: Error) => err instanceof InvalidLinkError && /peer address "\/ip4\/999.1.1.1\/tcp\/1\/p2p\/x" is not a valid multiaddr/.test(err.message))
    assert.throws(() => checkLink(42), InvalidLinkError)
  })
})
