/**
 * What a person types or scans to pair two devices: the short code one
 * device shows (digits, typed on the other, which picks the device from its
 * Nearby list), or a pairing link that carries the same code with the
 * showing device's PeerId and addresses, for when it is not nearby:
 *
 *   peershare-pair://<peer id>?peer=<multiaddr/p2p/id>&peer=...#code=<digits>
 *
 * The code sits in the fragment, like a private share's secret.
 */

export const PAIRING_SCHEME = 'peershare-pair:'

/** What a pairing link says. */
export interface PairingLinkInfo {
  readonly peerId: string
  /** Multiaddrs ending in /p2p/<peer id>. */
  readonly peers: readonly string[]
  readonly code: string
}

/** A pairing code or link that cannot be used, with a message a person can act on. */
export class InvalidPairingError extends Error {
  readonly code = 'bad-request'
  constructor (message: string) {
    super(message)
    this.name = 'InvalidPairingError'
  }
}

const CODE = /^\d{6,12}$/
const PEER_ID = /^[1-9A-HJ-NP-Za-km-z]{40,100}$/

/** A code as typed: spaces and dashes people add for reading are dropped. */
export function normalizePairingCode (text: string): string {
  return text.replace(/[\s-]/g, '')
}

export function formatPairingLink (info: PairingLinkInfo): string {
  const query = info.peers.slice(0, 8).map(p => `peer=${encodeURIComponent(p)}`).join('&')
  return `peershare-pair://${info.peerId}${query === '' ? '' : `?${query}`}#code=${info.code}`
}

/** A pairing code (`{ code }`) or link (`{ code, link }`); throws InvalidPairingError saying what is wrong. */
export function parsePairingInput (input: unknown): { readonly code: string, readonly link?: PairingLinkInfo } {
  if (typeof input !== 'string' || input.trim() === '') throw new InvalidPairingError('Type the code the other device shows, or paste its pairing link.')
  const text = input.trim()
  if (!text.toLowerCase().startsWith(PAIRING_SCHEME)) {
    const code = normalizePairingCode(text)
    if (!CODE.test(code)) throw new InvalidPairingError('A pairing code is the digits the other device shows (or paste its whole peershare-pair:// link).')
    return { code }
  }
  if (text.length > 4096) throw new InvalidPairingError('The pairing link is too long.')
  const hash = text.indexOf('#')
  const fragment = hash === -1 ? '' : text.slice(hash + 1)
  const rest = (hash === -1 ? text : text.slice(0, hash)).slice(PAIRING_SCHEME.length).replace(/^\/\//, '')
  const q = rest.indexOf('?')
  const peerId = q === -1 ? rest : rest.slice(0, q)
  if (!PEER_ID.test(peerId)) throw new InvalidPairingError('The pairing link does not name a device (a PeerId after peershare-pair://).')
  const code = /(?:^|&)code=([^&]*)/.exec(fragment)?.[1] ?? ''
  if (!CODE.test(code)) throw new InvalidPairingError('The pairing link has no code after #code=: copy the whole link again.')
  const peers: string[] = []
  for (const part of (q === -1 ? '' : rest.slice(q + 1)).split('&')) {
    if (!part.startsWith('peer=')) continue
    let value: string
    try {
      value = decodeURIComponent(part.slice(5))
    } catch {
      throw new InvalidPairingError('The pairing link\'s addresses are not properly percent-encoded.')
    }
    if (!value.startsWith('/') || !value.endsWith(`/p2p/${peerId}`)) throw new InvalidPairingError(`The pairing link's address "${value.slice(0, 120)}" does not end in /p2p/${peerId}.`)
    if (peers.length < 8) peers.push(value)
  }
  return { code, link: { peerId, peers, code } }
}
