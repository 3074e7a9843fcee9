/**
 * Issue 10, item 0: a daemon on a public address. Told its address with
 * --announce, it shows it at once (in its first line and its links);
 * otherwise it shows it once AutoNAT confirms it. Either way it then counts
 * as publicly reachable: its DHT answers queries and it offers its small
 * relay to others.
 */
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { cleanupAll, MiB, uniqueNetwork, waitFor } from '../support/index.js'
import { startLabDaemon, startLabRelay } from '../support/lab-daemon.js'
import { createNatLab, natLabUnavailable } from '../support/nat-lab.js'
import { shareRandom, waitForReach } from './engine-lab.js'
import type { LabDaemon } from '../support/lab-daemon.js'

after(cleanupAll)

test('a daemon on a public address announces it at once with --announce, and otherwise once AutoNAT confirms it', { timeout: 180_000 }, async (t) => {
  const why = await natLabUnavailable()
  if (why != null) {
    t.skip(why)
    return
  }
  const network = uniqueNetwork()
  const lab = await createNatLab({ publicHosts: ['relay', 'quiet', 'loud'], routers: [] })
  const relay = await startLabRelay(lab.host('relay'), { network })
  const quietAddr = `/ip4/${lab.host('quiet').ip}/tcp/4001`
  const loudAddr = `/ip4/${lab.host('loud').ip}/tcp/4001`
  const [quiet, loud] = await Promise.all([
    startLabDaemon('quiet', lab.host('quiet'), { network, port: 4001, args: ['--bootstrap', relay.addr, '--no-upnp'] }),
    startLabDaemon('loud', lab.host('loud'), { network, port: 4001, args: ['--bootstrap', relay.addr, '--no-upnp', '--announce', loudAddr] })
  ])
  const started = Date.now()
  t.diagnostic(`first lines: quiet ${JSON.stringify(quiet.startAddrs)}; loud ${JSON.stringify(loud.startAddrs)}`)
  assert.ok(!quiet.startAddrs.some(a => a.startsWith(`${quietAddr}/`)), 'unconfirmed, the public listen address is not shown at start')
  assert.ok(loud.startAddrs.some(a => a.startsWith(`${loudAddr}/p2p/`)), 'the announced address is printed at start')

  const confirmed = await waitForReach(quiet, ['public'], 60_000)
  t.diagnostic(`AutoNAT confirmed ${confirmed.reach.publicAddrs.join(', ')} (seen ${Date.now() - started} ms after both daemons answered their API)`)
  assert.ok(confirmed.reach.publicAddrs.some(a => a.startsWith(`${quietAddr}/p2p/`)))
  assert.match(confirmed.listenAddrs.join(' '), new RegExp(quietAddr.replaceAll('.', '\\.')))
  const { share } = await shareRandom(loud, 1 * MiB)
  assert.ok(share.link.includes(encodeURIComponent(loudAddr)), `the announced address is in the link: ${share.link}`)

  for (const d of [quiet, loud] as LabDaemon[]) {
    const health = await waitFor(async () => {
      const h = await d.call('status', {})
      return h.dht.mode === 'server' && h.reach.relayService.offered ? h : undefined
    }, { what: `${d.name} to answer DHT queries and offer its relay`, timeoutMs: 20_000 })
    assert.equal(health.reachability, 'public')
  }
})
