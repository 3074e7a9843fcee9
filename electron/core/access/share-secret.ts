/**
 * The cryptography of a private share, all of it derived from one random
 * secret that travels only inside the share's link:
 *
 *   locator = CIDv1(raw, sha2-256 multihash of HKDF(secret, root, "…locator"))
 *     what the DHT sees instead of the root; without the secret nobody can
 *     tell which root a locator stands for, or find the locator from a root.
 *   proof   = HMAC-SHA256(HKDF(secret, root, "…proof key"), domain ‖ requester ‖ server)
 *     what a requester shows a server. It is bound to both PeerIds, so a
 *     server (or anyone watching) cannot replay it to another peer, and to
 *     PeerShare's protocol by the domain string.
 *
 * Distinct HKDF labels keep the locator from revealing anything about the
 * proof key and the other way round.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import * as Digest from 'multiformats/hashes/digest'
import { sha256 } from 'multiformats/hashes/sha2'

/** Bytes of randomness in a new secret. */
export const SECRET_BYTES = 32

const LOCATOR_LABEL = 'peershare/private-share/locator/1'
const PROOF_KEY_LABEL = 'peershare/private-share/proof-key/1'
/** What a proof says it is: a request on PeerShare's share protocols, version 1. */
const PROOF_DOMAIN = 'peershare/private-share/proof/1:/peershare/manifest,have,chunk/1.0.0'

/** A new random secret, base64url as a link carries it. */
export function newSecret (): string {
  return randomBytes(SECRET_BYTES).toString('base64url')
}

function derive (secret: string, root: CID, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'base64url'), root.bytes, label, 32))
}

/** The DHT key a private share is announced and looked up under. */
export function locatorOf (secret: string, root: CID): CID {
  return CID.createV1(raw.code, Digest.create(sha256.code, derive(secret, root, LOCATOR_LABEL)))
}

/** The proof key of a share: what both sides compute proofs with. */
export function proofKeyOf (secret: string, root: CID): Uint8Array {
  return derive(secret, root, PROOF_KEY_LABEL)
}

/**
 * HMAC-SHA256 keyed by `key` over a domain string and the two PeerIds (as
 * strings), each behind its length so no two different triples hash the
 * same bytes: a proof that names who shows it to whom, and what for.
 */
export function boundProof (key: Uint8Array, domain: string, requester: string, server: string): Uint8Array {
  const hmac = createHmac('sha256', key)
  for (const part of [domain, requester, server]) {
    const bytes = Buffer.from(part, 'utf8')
    const length = Buffer.alloc(2)
    length.writeUInt16BE(bytes.byteLength)
    hmac.update(length).update(bytes)
  }
  return hmac.digest()
}

/** Whether `proof` is the boundProof `requester` owes `server`; compared in constant time. */
export function boundProofMatches (key: Uint8Array, domain: string, requester: string, server: string, proof: Uint8Array): boolean {
  const expected = boundProof(key, domain, requester, server)
  return proof.byteLength === expected.byteLength && timingSafeEqual(proof, expected)
}

/** The proof `requester` shows `server` (PeerIds as strings) for the share whose proof key is `key`. */
export function proofFor (key: Uint8Array, requester: string, server: string): Uint8Array {
  return boundProof(key, PROOF_DOMAIN, requester, server)
}
