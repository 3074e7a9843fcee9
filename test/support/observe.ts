/**
 * Waiting on what a daemon reports through its API: a transfer reaching a
 * state, a share being announced, routing tables filling. Each wait fails
 * with the daemon's current view so a failure explains itself.
 */
import type { ShareView, TransferState, TransferView } from '../../shared/views.js'
import type { Daemon } from './daemon.js'
import { StopWaiting, safeJson, waitFor } from './wait.js'

/** The transfer with this id on this daemon, or undefined. */
export async function getTransfer (daemon: Daemon, id: string): Promise<TransferView | undefined> {
  return (await daemon.client.transfers({})).find(t => t.id === id)
}

/** The share with this root on this daemon, or undefined. */
export async function getShare (daemon: Daemon, root: string): Promise<ShareView | undefined> {
  return (await daemon.client.shares({})).find(s => s.root === root)
}

/** A short summary of a transfer for failure messages (the files list can be long). */
export function summarize (view: TransferView | undefined): unknown {
  if (view == null) return '(no such transfer)'
  const { files, ...rest } = view
  return { ...rest, files: `${files.length} file(s)` }
}

/**
 * Waits until the transfer is in one of `until`. A transfer that fails while
 * waiting for something else stops the wait at once with its error.
 */
export async function waitForTransfer (daemon: Daemon, id: string, options: {
  until: TransferState | TransferState[]
  timeoutMs?: number
  intervalMs?: number
}): Promise<TransferView> {
  const until = Array.isArray(options.until) ? options.until : [options.until]
  let last: TransferView | undefined
  return await waitFor(async () => {
    last = await getTransfer(daemon, id)
    if (last == null) return undefined
    if (until.includes(last.state)) return last
    if (last.state === 'failed') throw new StopWaiting(`Transfer ${id} on ${daemon.name} failed while waiting for ${until.join('|')}: ${safeJson(summarize(last))}`)
    return undefined
  }, {
    what: `transfer ${id} on ${daemon.name} to reach ${until.join('|')}`,
    timeoutMs: options.timeoutMs ?? 60_000,
    intervalMs: options.intervalMs ?? 250,
    diagnose: () => ({ transfer: summarize(last), daemonExited: daemon.exited })
  })
}

/** Waits until the daemon reports a successful DHT announcement of `root` (under its locator, for a private share). */
export async function waitForAnnounced (daemon: Daemon, root: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(async () => {
    const dht = await daemon.client.dht({})
    return dht.announced.some(a => (a.root === root || a.privateRoot === root) && a.lastAnnouncedAt != null)
  }, {
    what: `${daemon.name} to announce ${root} on the DHT`,
    timeoutMs,
    intervalMs: 250,
    diagnose: async () => {
      const dht = await daemon.client.dht({})
      return { announced: dht.announced, routingTableSize: dht.routingTableSize, mode: dht.mode }
    }
  })
}

/** Waits until every daemon's DHT routing table holds at least `min` peers. */
export async function waitForRoutingTables (daemons: readonly Daemon[], min = 1, timeoutMs = 30_000): Promise<void> {
  await waitFor(async () => {
    const sizes = await Promise.all(daemons.map(async d => (await d.client.dht({})).routingTableSize))
    return sizes.every(s => s >= min)
  }, {
    what: `every node's routing table to hold at least ${min} peer(s)`,
    timeoutMs,
    intervalMs: 250,
    diagnose: async () => await Promise.all(daemons.map(async d => ({ name: d.name, routingTableSize: (await d.client.dht({})).routingTableSize })))
  })
}
