/**
 * The `peershare://` link: one copy-pasteable line carrying a share's root,
 * its name and size, and a few of the sharer's dialable addresses.
 *
 *   peershare://<root CIDv1, base32>?name=<name>&size=<bytes>&peer=<multiaddr/p2p/id>&peer=...
 *
 * A bare root CID is accepted too; peers are then found through the DHT.
 * This module checks the shape of a link; the engine decodes the CID and
 * the multiaddrs themselves.
 */

export const LINK_SCHEME = 'peershare:'

/** Most peer addresses a link carries, and most it accepts. */
export const MAX_LINK_PEERS = 8
/** Longest link accepted, in characters. */
export const MAX_LINK_LENGTH = 4096

/** What a link says. */
export interface LinkInfo {
  readonly root: string
  readonly name?: string
  readonly size?: number
  /** Multiaddrs ending in /p2p/<peer id>. */
  readonly peers: readonly string[]
}

/** A link that cannot be used, with a message a person can act on. */
export class InvalidLinkError extends Error {
  readonly code = 'invalid-link'
  constructor (message: string) {
    super(message)
    this.name = 'InvalidLinkError'
  }
}

/** base32 (RFC 4648, lowercase) CIDv1 string: multibase prefix 'b'. */
const ROOT_PATTERN = /^b[a-z2-7]{20,120}$/

/** Whether a string has the shape of a CIDv1 root in base32. */
export function looksLikeRoot (value: string): boolean {
  return ROOT_PATTERN.test(value)
}

/** Formats a link; names and addresses are percent-encoded. */
export function formatLink (info: LinkInfo): string {
  const params: string[] = []
  if (info.name != null) params.push(`name=${encodeURIComponent(info.name)}`)
  if (info.size != null) params.push(`size=${info.size}`)
  for (const peer of info.peers.slice(0, MAX_LINK_PEERS)) params.push(`peer=${encodeURIComponent(peer)}`)
  return `peershare://${info.root}${params.length > 0 ? `?${params.join('&')}` : ''}`
}

/**
 * The short form of a link, for a QR code: its root and its first peer
 * address only (a share's link lists its best address first). Name and size
 * come with the manifest when the link is looked up, so the short form
 * finds the same share; it just has fewer ways to reach the sharer.
 */
export function compactLink (link: string): string {
  const info = parseLink(link)
  return formatLink({ root: info.root, peers: info.peers.slice(0, 1) })
}

/** Parses a link or a bare root; throws InvalidLinkError saying what is wrong. */
export function parseLink (input: string): LinkInfo {
  if (typeof input !== 'string') throw new InvalidLinkError('A link must be text.')
  const text = input.trim()
  if (text === '') throw new InvalidLinkError('The link is empty: paste a peershare:// link or a root CID.')
  if (text.length > MAX_LINK_LENGTH) throw new InvalidLinkError(`The link is ${text.length} characters long; at most ${MAX_LINK_LENGTH} are accepted.`)

  if (!text.toLowerCase().startsWith(LINK_SCHEME)) {
    if (looksLikeRoot(text)) return { root: text, peers: [] }
    throw new InvalidLinkError('Not a PeerShare link: it should start with peershare:// or be a root CID starting with "b".')
  }

  const rest = text.slice(LINK_SCHEME.length).replace(/^\/\//, '')
  const q = rest.indexOf('?')
  const root = (q === -1 ? rest : rest.slice(0, q)).replace(/\/+$/, '')
  if (!looksLikeRoot(root)) {
    throw new InvalidLinkError(`The link's root "${root.slice(0, 80)}" is not a base32 CIDv1 (it should start with "b" and use only a-z and 2-7).`)
  }

  let name: string | undefined
  let size: number | undefined
  const peers: string[] = []
  const query = q === -1 ? '' : rest.slice(q + 1)
  for (const part of query.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const key = eq === -1 ? part : part.slice(0, eq)
    let value: string
    try {
      value = decodeURIComponent(eq === -1 ? '' : part.slice(eq + 1))
    } catch {
      throw new InvalidLinkError(`The link's "${key}" field is not properly percent-encoded.`)
    }
    switch (key) {
      case 'name':
        if (value === '' || value.length > 255) throw new InvalidLinkError('The link\'s name must be 1 to 255 characters.')
        name = value
        break
      case 'size':
        if (!/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value))) throw new InvalidLinkError(`The link's size "${value.slice(0, 40)}" is not a whole number of bytes.`)
        size = Number(value)
        break
      case 'peer':
        if (!value.startsWith('/') || !value.includes('/p2p/')) throw new InvalidLinkError(`The link's peer address "${value.slice(0, 120)}" is not a multiaddr ending in /p2p/<peer id>.`)
        if (peers.length >= MAX_LINK_PEERS) throw new InvalidLinkError(`The link lists more than ${MAX_LINK_PEERS} peer addresses.`)
        peers.push(value)
        break
      default:
        // Unknown fields come from newer versions of PeerShare; they are ignored.
        break
    }
  }
  return { root, name, size, peers }
}
