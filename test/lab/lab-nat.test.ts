/**
 * "Behind NAT" and "relay only" in a lab of real daemons, with the lab
 * relay (a real `peershare relay` process), on loopback and without root.
 * The downloader n0 sits behind a NAT too: a sharer behind a NAT still
 * dials out, and a downloader it can dial would take the sharer's own
 * outbound connection, as in issue 10's tests where both laptops sit
 * behind routers.
 *
 * - nat=on: n0 downloads n2's share by link; every connection between them
 *   is relayed or hole-punched (WebRTC), never direct or loopback, and it
 *   ends hole-punched; the lab's edges and timeline show it.
 * - relay-only=on: the transfer completes over `relayed` through a relay
 *   with its data limit lifted; through a relay with the default limit
 *   (128 KiB / 2 minutes) it fails, saying in words that no direct path
 *   could be made and the relay is limited; nat=off heals it.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import type { ApiClient } from '../../electron/host/index.js'
import { shareAndWait, type ConnectionPath, type TransferView } from '../../shared/index.js'
import type { LabInstanceView } from '../../shared/lab.js'
import { MiB, cleanupAll, randomFile, sha256File, tempDir, waitFor } from '../support/index.js'
import { startLab, type TestLab } from './support/lab-process.js'

after(cleanupAll)

/** n0 and n2 behind NATs (n2 `relayOnly`), n2's share of `bytes` with a link through the relay. */
async function natLab (dataLimit: 'none' | 'default'): Promise<{ lab: TestLab, n0: ApiClient, n2: () => Promise<ApiClient>, n2PeerId: string }> {
  const lab = await startLab({ size: 3, seed: `lab-nat-${dataLimit}`, extraArgs: ['--relay-data-limit', dataLimit] })
  const relay = (await lab.client.call('view', {})).relay
  assert.ok(relay != null && relay.state === 'ready', 'the lab relay runs')
  const n0View = await lab.client.call('set', { node: 'n0', change: { nat: true } })
  assert.equal(n0View.nat, 'on')
  return { lab, n0: await lab.instance('n0'), n2: async () => await lab.instance('n2'), n2PeerId: lab.description.instances[2].peerId }
}

/** Shares a new random file on `api`, once its link names an address through the lab relay. */
async function shareThroughRelay (api: ApiClient, bytes: number, name: string): Promise<{ link: string, root: string, sha256: string }> {
  const file = await randomFile(await tempDir('nat-share'), bytes, name)
  const share = await shareAndWait(api, file.path)
  const link = await waitFor(async () => {
    const s = (await api.shares({})).find(x => x.root === share.root)
    return s?.link.includes('p2p-circuit') === true ? s.link : undefined
  }, { what: `the link of ${name} to carry an address through the lab relay`, timeoutMs: 60_000, intervalMs: 500 })
  return { link, root: share.root, sha256: file.sha256 }
}

/** Follows a download on n0 to its end, collecting the path of every connection n0 has to `peer` meanwhile. */
async function follow (n0: ApiClient, id: string, peer: string, end: 'done' | 'failed', timeoutMs: number): Promise<{ transfer: TransferView, paths: Set<ConnectionPath> }> {
  const paths = new Set<ConnectionPath>()
  let last: TransferView | undefined
  const transfer = await waitFor(async () => {
    for (const c of await n0.peers({})) if (c.peerId === peer) paths.add(c.path)
    last = (await n0.transfers({})).find(t => t.id === id)
    if (last != null && (last.state === 'done' || last.state === 'failed') && last.state !== end) throw new Error(`the download ended ${last.state}: ${last.error?.message ?? ''}`)
    return last?.state === end ? last : undefined
  }, { what: `n0's download to be ${end}`, timeoutMs, intervalMs: 250, diagnose: () => ({ last, paths: [...paths] }) })
  return { transfer, paths }
}

/** A finished transfer's average rate, MiB/s. */
function rate (t: TransferView): string {
  return t.activeMs === 0 ? '–' : `${(t.size / MiB / (t.activeMs / 1000)).toFixed(1)} MiB/s`
}

async function instanceView (lab: TestLab, name: string): Promise<LabInstanceView> {
  return (await lab.client.call('view', {})).instances.find(i => i.name === name)!
}

/** Waits until `name` runs again after a restart, and is reachable through the lab relay. */
async function backThroughRelay (lab: TestLab, name: string): Promise<ApiClient> {
  await waitFor(async () => (await instanceView(lab, name)).state === 'ready', { what: `${name} to be ready again`, timeoutMs: 60_000 })
  const api = await lab.instance(name)
  await waitFor(async () => (await api.status({})).listenAddrs.some(a => a.includes('p2p-circuit')), { what: `${name} to reserve on the lab relay`, timeoutMs: 30_000 })
  return api
}

describe('lab: behind NAT, through the lab relay', { timeout: 300_000 }, () => {
  let lab: TestLab
  let n0: ApiClient
  let n2: ApiClient
  let n2PeerId: string

  it('nat=on: n0 gets n2\'s share by link over a hole-punched connection, never a direct one', async (t) => {
    const started = await natLab('none')
    lab = started.lab
    n0 = started.n0
    n2PeerId = started.n2PeerId
    const set = await lab.client.call('set', { node: 'n2', change: { nat: true } })
    assert.equal(set.nat, 'on')
    n2 = await started.n2()
    const share = await shareThroughRelay(n2, 8 * MiB, 'behind-nat.bin')
    const download = await n0.download({ link: share.link, outDir: await tempDir('nat-out') })
    const { transfer, paths } = await follow(n0, download.id, n2PeerId, 'done', 120_000)
    t.diagnostic(`behind NAT: 8 MiB in ${transfer.activeMs} ms (${rate(transfer)}), paths seen ${[...paths].join(', ')}`)
    assert.equal(await sha256File(transfer.path!), share.sha256, 'the bytes arrived intact')
    assert.ok(!paths.has('loopback') && !paths.has('direct'), `n0 never reached n2 directly (paths seen: ${[...paths].join(', ')})`)
    const final = await waitFor(async () => {
      const paths = (await n0.peers({})).filter(c => c.peerId === n2PeerId).map(c => c.path)
      return paths.length > 0 && paths.every(p => p === 'holepunched') ? paths : undefined
    }, { what: 'the n0–n2 connection to be hole-punched', timeoutMs: 30_000 })
    assert.deepEqual([...new Set(final)], ['holepunched'])

    const view = await lab.client.call('view', {})
    assert.equal(view.edges.find(e => e.a === 'n0' && e.b === 'n2')?.path, 'holepunched', 'the dashboard\'s edge says holepunched')
    assert.ok(view.edges.some(e => e.b === 'relay'), 'and instances have edges to the lab relay')
    const upgrades = view.timeline.filter(e => e.kind === 'path' && /→ holepunched/.test(e.label))
    assert.ok(upgrades.length > 0, `the timeline shows an upgrade to a hole-punched path: ${JSON.stringify(view.timeline.filter(e => e.kind === 'path'))}`)
  })

  it('relay-only=on: with the relay\'s limit lifted, the transfer completes over relayed', async (t) => {
    const set = await lab.client.call('set', { node: 'n2', change: { relayOnly: true } })
    assert.equal(set.nat, 'relay-only')
    n2.close()
    n2 = await backThroughRelay(lab, 'n2')
    // n0 may still list the hole-punched connection to the n2 that was restarted (same PeerId) until WebRTC sees it gone.
    await waitFor(async () => (await n0.peers({})).every(c => c.peerId !== n2PeerId || c.path === 'relayed'), {
      what: 'n0 to drop its connection to the n2 from before the restart', timeoutMs: 90_000, intervalMs: 500
    })
    const share = await shareThroughRelay(n2, 8 * MiB, 'relay-only.bin')
    const download = await n0.download({ link: share.link, outDir: await tempDir('nat-out-2') })
    const { transfer, paths } = await follow(n0, download.id, n2PeerId, 'done', 180_000)
    t.diagnostic(`relay only: 8 MiB in ${transfer.activeMs} ms (${rate(transfer)}) through the lab relay`)
    assert.equal(await sha256File(transfer.path!), share.sha256)
    assert.deepEqual([...paths], ['relayed'], 'every connection n0 had to n2 went through the relay')
    assert.equal(transfer.peers.find(p => p.peerId === n2PeerId)?.path, 'relayed', 'the transfer\'s row says relayed')
    await lab.down()
  })
})

describe('lab: relay only, through a relay with the default limit', { timeout: 300_000 }, () => {
  it('the download fails, saying why; nat=off heals it', async (t) => {
    const { lab, n0, n2: connectN2, n2PeerId } = await natLab('default')
    await lab.client.call('set', { node: 'n2', change: { relayOnly: true } })
    let n2 = await backThroughRelay(lab, 'n2')
    const share = await shareThroughRelay(n2, 8 * MiB, 'limited.bin')
    const download = await n0.download({ link: share.link, outDir: await tempDir('nat-out-3') })
    const asked = Date.now()
    const { transfer: failed } = await follow(n0, download.id, n2PeerId, 'failed', 120_000)
    t.diagnostic(`failed after ${Date.now() - asked} ms: ${failed.error?.message ?? ''}`)
    assert.equal(failed.error?.code, 'unreachable')
    assert.match(failed.error?.message ?? '', /no direct path could be made/)
    assert.match(failed.error?.message ?? '', /limits each connection to 128 KiB/)

    const healed = await lab.client.call('set', { node: 'n2', change: { nat: false } })
    assert.equal(healed.nat, 'off')
    n2.close()
    await waitFor(async () => (await instanceView(lab, 'n2')).state === 'ready', { what: 'n2 to be ready again', timeoutMs: 60_000 })
    n2 = await connectN2()
    const again = await n0.download({ link: share.link })
    const { transfer, paths } = await follow(n0, again.id, n2PeerId, 'done', 120_000)
    assert.equal(await sha256File(transfer.path!), share.sha256, 'after nat=off the bytes arrive')
    assert.notEqual(transfer.peers.find(p => p.peerId === n2PeerId)?.path, 'relayed', `no longer only relayed (paths seen: ${[...paths].join(', ')})`)
    n2.close()
    await lab.down()
  })
})
