/**
 * Links as the engine makes and reads them: a share's link carries this
 * node's best addresses; an incoming link is checked in full (its shape by
 * shared/link.ts, then its root CID and every peer address) before anything
 * acts on it.
 */
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { CID } from 'multiformats/cid'
import { formatLink, InvalidLinkError, parseLink, type LinkInfo } from '../../../shared/index.js'
import { LINK_ADDRESSES } from '../defaults.js'
import { rankAddresses } from '../node/address-policy.js'

/** Builds a share's link from its root, name and size. */
export type LinkMaker = (root: string, name: string, size: number) => string

/** A link to `root` carrying the best of `addrs` (this node's own), public ones first, and a private share's secret. */
export function linkFor (addrs: readonly Multiaddr[], root: string, name: string, size: number, secret?: string): string {
  const best = rankAddresses(addrs).slice(0, LINK_ADDRESSES)
  return formatLink({ root, name, size, peers: best.map(ma => ma.toString()), secret })
}

/** Parses a link fully; throws InvalidLinkError saying which part is wrong. */
export function checkLink (link: unknown): LinkInfo {
  const info = parseLink(link as string)
  try {
    CID.parse(info.root)
  } catch {
    throw new InvalidLinkError(`The link's root "${info.root.slice(0, 80)}" is not a valid CID.`)
  }
  for (const p of info.peers) {
    try {
      multiaddr(p)
    } catch {
      throw new InvalidLinkError(`The link's peer address "${p.slice(0, 120)}" is not a valid multiaddr.`)
    }
  }
  return info
}
