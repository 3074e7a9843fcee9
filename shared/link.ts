/**
 * The `peershare://` link: one copy-pasteable line carrying a share's root,
 * its name and size, and a few of the sharer's dialable addresses.
 *
 *   peershare://<root CIDv1, base32>?name=<name>&size=<bytes>&peer=<multiaddr/p2p/id>&peer=...#k=<secret>
 *
 * A private share's link ends in its secret, in the URL fragment: browsers,
 * chat apps and web servers do not send a fragment on, so the secret stays
 * with whoever holds the link. A bare root CID is accepted too; peers are
 * then found through the DHT, and only a public share answers it.
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
  /** A private share's secret (base64url), from the fragment; absent for a public share or a bare root. */
  readonly secret?: string
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

/** base64url, 16 to 64 bytes' worth: a private share's secret. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{22,86}$/

/** Whether a string has the shape of a private share's secret. */
export function looksLikeSecret (value: string): boolean {
  return SECRET_PATTERN.test(value)
}

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
  const fragment = info.secret != null ? `#k=${info.secret}` : ''
  return `peershare://${info.root}${params.length > 0 ? `?${params.join('&')}` : ''}${fragment}`
}

/**
 * The short form of a link, for a QR code: its root and its first peer
 * address only (a share's link lists its best address first). Name and size
 * come with the manifest when the link is looked up, so the short form
 * finds the same share; it just has fewer ways to reach the sharer. A
 * private share's secret stays: without it the short form would open nothing.
 */
export function compactLink (link: string): string {
  const info = parseLink(link)
  return formatLink({ root: info.root, peers: info.peers.slice(0, 1), secret: info.secret })
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

  const hash = text.indexOf('#')
  const secret = hash === -1 ? undefined : parseFragment(text.slice(hash + 1))
  const rest = (hash === -1 ? text : text.slice(0, hash)).slice(LINK_SCHEME.length).replace(/^\/\//, '')
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
  return secret == null ? { root, name, size, peers } : { root, name, size, peers, secret }
}

/** The secret in a link's fragment (`k=<secret>`); other fragment fields are ignored, as query fields are. */
function parseFragment (fragment: string): string | undefined {
  let secret: string | undefined
  for (const part of fragment.split('&')) {
    if (!part.startsWith('k=')) continue
    const value = part.slice(2)
    if (!looksLikeSecret(value)) throw new InvalidLinkError('The link\'s secret (after #k=) is damaged: it should be 22 to 86 letters, digits, "-" or "_". Copy the whole link again.')
    secret = value
  }
  return secret
}
