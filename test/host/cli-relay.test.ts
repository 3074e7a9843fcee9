/**
 * `peershare relay` on this machine, as a person would start it: it prints
 * one JSON line with its PeerId, addresses and STUN server, keeps the same
 * PeerId across restarts of its profile, answers STUN, and serves as a
 * bootstrap node: a daemon given its address finds it in its DHT routing
 * table. Stops cleanly on SIGTERM.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { after, test } from 'node:test'
import { probeNat } from '../../electron/core/node/nat-probe.js'
import { CLI_PATH, cleanupAll, startDaemon, tempDir, trackProcess, uniqueNetwork, waitFor } from '../support/index.js'

after(cleanupAll)

interface RelayLine { peerId: string, addrs: string[], stun: string[], network: string }

async function startRelay (profile: string, network: string): Promise<{ line: RelayLine, stop: () => Promise<number | string | null>, stderr: () => string }> {
  const proc = spawn(process.execPath, [CLI_PATH, 'relay', '--profile', profile, '--listen', '/ip4/127.0.0.1/tcp/0',
    '--stun-listen', '127.0.0.1:0', '--network', network, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
  trackProcess(proc)
  let stderr = ''
  proc.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s })
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error(`no JSON line from peershare relay: ${stderr}`)) }, 30_000)
    createInterface({ input: proc.stdout }).once('line', l => { clearTimeout(timer); resolve(l) })
    proc.once('exit', code => { clearTimeout(timer); setTimeout(() => { reject(new Error(`peershare relay exited (${code}): ${stderr}`)) }, 100) })
  })
  const exited = new Promise<number | string | null>(resolve => proc.once('exit', (code, signal) => resolve(code ?? signal)))
  return {
    line: JSON.parse(line) as RelayLine,
    stop: async () => { proc.kill('SIGTERM'); return await exited },
    stderr: () => stderr
  }
}

test('peershare relay prints who it is, answers STUN, bootstraps a daemon and keeps its PeerId', { timeout: 120_000 }, async () => {
  const network = uniqueNetwork()
  const profile = await tempDir('relay')
  const relay = await startRelay(profile, network)
  assert.match(relay.line.peerId, /^12D3KooW/)
  assert.equal(relay.line.network, network)
  const addr = relay.line.addrs.find(a => a.startsWith('/ip4/127.0.0.1/tcp/'))
  assert.ok(addr?.endsWith(`/p2p/${relay.line.peerId}`), `it prints a dialable address: ${JSON.stringify(relay.line.addrs)}`)
  assert.match(relay.line.stun[0] ?? '', /^stun:127\.0\.0\.1:\d+$/)

  const [host, port] = relay.line.stun[0].slice('stun:'.length).split(':')
  assert.equal(await probeNat([{ host, port: Number(port) }], { timeoutMs: 5_000 }), 'none', 'its STUN server answers (and sees no NAT on loopback)')

  const daemon = await startDaemon({ name: 'laptop', network, bootstrap: [addr!] })
  await waitFor(async () => (await daemon.client.dht({})).routingTableSize >= 1, { what: 'the daemon to have the relay in its routing table', timeoutMs: 30_000 })
  const peers = await daemon.client.peers({})
  assert.ok(peers.some(p => p.peerId === relay.line.peerId && p.path === 'loopback' && p.transport === 'tcp'), `connected to the relay: ${JSON.stringify(peers)}`)

  assert.equal(await relay.stop(), 0, `SIGTERM stops it cleanly: ${relay.stderr()}`)
  const again = await startRelay(profile, network)
  assert.equal(again.line.peerId, relay.line.peerId, 'the same profile gives the same PeerId, so its address stays valid')
  assert.equal(await again.stop(), 0)
})
