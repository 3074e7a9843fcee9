/**
 * Benchmark 8 (access): what a private share costs its server. Every
 * request about a private share carries a proof the server checks (an
 * HMAC-SHA256 over both PeerIds, compared in constant time), once per chunk
 * request on a chunk stream. Measured in this process against the work each
 * chunk costs anyway: hashing one 1 MiB chunk with SHA-256 to verify it.
 */
import { createHash, randomBytes } from 'node:crypto'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { newSecret, proverOf, ShareKeys } from '../electron/core/index.js'
import { progress, type BenchConfig } from './support/context.js'
import { median, round } from './support/stats.js'
import type { Row } from './support/report.js'

/** Checks per timed batch, and chunks hashed per baseline batch. */
const CHECKS = 20_000
const FIRST_CHECKS = 500
const CHUNKS = 64
const CHUNK_BYTES = 1024 * 1024

function microsPer (count: number, fn: () => void): number {
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < count; i++) fn()
  return Number(process.hrtime.bigint() - t0) / 1000 / count
}

export async function accessBench (cfg: BenchConfig): Promise<Row[]> {
  const server = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
  const requester = peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()
  const root = CID.createV1(raw.code, await sha256.digest(randomBytes(64)))
  const secret = newSecret()
  const keys = new ShareKeys({ store: { listJson: async () => [], putJson: async () => {}, del: async () => {} }, self: server.toString() })
  await keys.set(root.toString(), secret)
  const proof = proverOf(secret, root, requester)(server)!
  const chunk = randomBytes(CHUNK_BYTES)
  // Requesters never seen before: the server works out each one's proof (an HMAC) on its first request.
  const strangers = Array.from({ length: FIRST_CHECKS }, (_, i) => `${requester}-${i}`)
  const checks: number[] = []
  const firsts: number[] = []
  const hashes: number[] = []
  for (let run = 0; run < cfg.runs; run++) {
    checks.push(microsPer(CHECKS, () => { if (!keys.allows(root.toString(), requester, proof)) throw new Error('a valid proof was refused') }))
    let i = 0
    firsts.push(microsPer(FIRST_CHECKS, () => { keys.allows(root.toString(), `${strangers[i++]}-${run}`, proof) }))
    hashes.push(microsPer(CHUNKS, () => { createHash('sha256').update(chunk).digest() }))
    progress(`access run ${run + 1}/${cfg.runs}: proof check ${checks.at(-1)!.toFixed(2)} µs, 1 MiB SHA-256 ${hashes.at(-1)!.toFixed(0)} µs`)
  }
  const check = median(checks)
  const hash = median(hashes)
  return [{
    bench: '8 access',
    measure: 'proof check per private request',
    value: round(check, 2),
    unit: 'µs',
    baseline: round(hash, 0),
    baselineLabel: 'SHA-256 of the 1 MiB chunk it guards',
    ratio: round(check / hash, 4),
    target: 0.01,
    kind: 'value-max-ratio',
    runs: checks.map(c => round(c, 2)),
    note: 'A private share\'s server checks one proof per request; under 1% of the hashing every chunk costs anyway keeps private shares as fast as public ones.'
  }, {
    bench: '8 access',
    measure: 'first proof check from a new requester',
    value: round(median(firsts), 1),
    unit: 'µs',
    baseline: round(hash, 0),
    baselineLabel: 'SHA-256 of one 1 MiB chunk',
    ratio: round(median(firsts) / hash, 4),
    kind: 'info',
    runs: firsts.map(c => round(c, 1))
  }]
}
