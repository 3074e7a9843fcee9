/**
 * What the reach tests with real PeerShare daemons do again and again:
 * wait for a daemon to be reachable the way a test needs, share a file,
 * follow a download to its end, and read back which paths the data
 * arrived on, from the daemon's own transfer events.
 */
import assert from 'node:assert/strict'
import { randomFile, sha256File, tempDir } from '../support/files.js'
import { safeJson, StopWaiting, waitFor } from '../support/wait.js'
import type { LabDaemon } from '../support/lab-daemon.js'
import { awaitShareJob, type ConnectionPath, type HealthView, type Reachability, type ShareView, type TransferView } from '../../shared/index.js'

/** Waits until the daemon's reachability is one of `kinds`; returns its health then. */
export async function waitForReach (d: LabDaemon, kinds: readonly Reachability[], timeoutMs = 60_000): Promise<HealthView> {
  let last: HealthView | undefined
  return await waitFor(async () => {
    last = await d.call('status', {})
    return kinds.includes(last.reachability) ? last : undefined
  }, { what: `${d.name} to be ${kinds.join(' or ')}`, timeoutMs, intervalMs: 500, diagnose: () => ({ reach: last?.reach, addrs: last?.listenAddrs, log: d.logTail().slice(-3000) }) })
}

/** Shares a new random file of `bytes` from `d`; waits until its link carries an address through a relay when `relayed`. */
export async function shareRandom (d: LabDaemon, bytes: number, options: { relayed?: boolean } = {}): Promise<{ share: ShareView, sha256: string }> {
  const dir = await tempDir(`share-${d.name}`)
  const file = await randomFile(dir, bytes)
  // Public: the reach tests fetch by bare root too, and measure paths, not access.
  let share = await awaitShareJob({ shareJobs: async () => await d.call('shareJobs', {}) }, await d.call('share', { path: file.path, public: true }, 120_000))
  if (options.relayed === true) {
    share = await waitFor(async () => {
      const s = (await d.call('shares', {})).find(x => x.root === share.root)
      return s?.link.includes('p2p-circuit') === true ? s : undefined
    }, { what: `${d.name}'s link to carry a relayed address`, timeoutMs: 60_000, intervalMs: 500 })
  }
  return { share, sha256: file.sha256 }
}

/** Waits for a download to finish (failing at once if it fails); returns its view. */
export async function waitForDownload (d: LabDaemon, root: string, timeoutMs: number): Promise<TransferView> {
  let last: TransferView | undefined
  return await waitFor(async () => {
    last = (await d.call('transfers', {})).find(t => t.root === root)
    if (last?.state === 'failed') throw new StopWaiting(`${d.name}'s download failed: ${safeJson(last.error)}\n${d.logTail().slice(-4000)}`)
    return last?.state === 'done' ? last : undefined
  }, { what: `${d.name} to finish downloading ${root}`, timeoutMs, intervalMs: 500, diagnose: () => ({ state: last?.state, bytesDone: last?.bytesDone, peers: last?.peers, error: last?.error }) })
}

/** Waits for a download to fail; returns its view. */
export async function waitForFailure (d: LabDaemon, root: string, timeoutMs: number): Promise<TransferView> {
  let last: TransferView | undefined
  return await waitFor(async () => {
    last = (await d.call('transfers', {})).find(t => t.root === root)
    if (last?.state === 'done') throw new StopWaiting(`${d.name}'s download completed where it should have failed`)
    return last?.state === 'failed' ? last : undefined
  }, { what: `${d.name}'s download of ${root} to fail`, timeoutMs, intervalMs: 500, diagnose: () => ({ state: last?.state, bytesDone: last?.bytesDone, peers: last?.peers, error: last?.error }) })
}

/** The file a finished download wrote has the shared bytes. */
export async function assertSameBytes (t: TransferView, sha256: string): Promise<void> {
  assert.ok(t.path != null, 'the download says where it put the file')
  assert.equal(await sha256File(t.path), sha256, 'the downloaded bytes are the shared bytes')
}

/**
 * The paths chunk data of `root` arrived on, as the downloader's transfer
 * events reported them while it moved: every path a peer row showed while
 * its received bytes grew.
 */
export function pathsOfData (d: LabDaemon, root: string): Set<ConnectionPath | 'not connected'> {
  const seen = new Set<ConnectionPath | 'not connected'>()
  const received = new Map<string, number>()
  for (const e of d.events) {
    if (e.event !== 'transfer') continue
    const t = (e.detail as { transfer: TransferView }).transfer
    if (t.root !== root) continue
    for (const p of t.peers) {
      if (p.bytesReceived > (received.get(p.peerId) ?? 0)) seen.add(p.path ?? 'not connected')
      received.set(p.peerId, p.bytesReceived)
    }
  }
  return seen
}
