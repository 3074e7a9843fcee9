/**
 * Turns a lab home router into a UPnP router: miniupnpd (Debian package
 * miniupnpd, nftables backend) answering SSDP and IGD requests on the LAN
 * and adding port forwards on the WAN side, as a home router with UPnP on
 * does. Everything it adds lives in the router's namespace, so removing the
 * lab removes it; the daemon itself is stopped with the processes.
 */
import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tempDir } from './files.js'
import { netnsExec, spawnInNetns, type HomeRouter } from './nat-lab.js'
import { waitFor } from './wait.js'

/**
 * The tables and chains miniupnpd's nftables backend fills (its defaults:
 * table `filter` of family inet, chains `miniupnpd`, `prerouting_miniupnpd`,
 * `postrouting_miniupnpd`). The router's own firewall stays in iptables; its
 * FORWARD chain lets DNATed packets through.
 */
const NFT_TABLES = `
table inet filter {
  chain forward { type filter hook forward priority 0; policy accept; jump miniupnpd; }
  chain miniupnpd { }
  chain prerouting { type nat hook prerouting priority -100; policy accept; jump prerouting_miniupnpd; }
  chain postrouting { type nat hook postrouting priority 100; policy accept; jump postrouting_miniupnpd; }
  chain prerouting_miniupnpd { }
  chain postrouting_miniupnpd { }
}
`

export interface UpnpRouter {
  /** The port forwards miniupnpd has made, as `nft` lists them. */
  forwards(): Promise<string>
  logTail(): string
}

/** Starts miniupnpd on `router`; resolves once it serves IGD on the LAN. */
export async function startMiniupnpd (router: HomeRouter): Promise<UpnpRouter> {
  const dir = await tempDir(`miniupnpd-${router.name}`)
  const conf = join(dir, 'miniupnpd.conf')
  await writeFile(conf, [
    'ext_ifname=wan',
    'listening_ip=lan',
    'http_port=0',
    'enable_upnp=yes',
    'enable_natpmp=yes',
    'secure_mode=yes',
    'system_uptime=yes',
    `uuid=${randomUUID()}`,
    `lease_file=${join(dir, 'leases')}`,
    `allow 1024-65535 ${router.lanSubnet}.0/24 1024-65535`,
    'deny 0-65535 0.0.0.0/0 0-65535',
    ''
  ].join('\n'))
  await writeFile(join(dir, 'tables.nft'), NFT_TABLES)
  await netnsExec(router.netns, ['nft', '-f', join(dir, 'tables.nft')])

  const { proc } = spawnInNetns(router.netns, ['miniupnpd', '-d', '-f', conf, '-P', join(dir, 'miniupnpd.pid')], `miniupnpd on ${router.name}`)
  let log = ''
  const append = (s: string): void => { log = (log + s).slice(-32 * 1024) }
  proc.stdout.setEncoding('utf8').on('data', append)
  proc.stderr.setEncoding('utf8').on('data', append)
  await waitFor(() => proc.exitCode == null && /HTTP listening on port/.test(log), {
    what: `miniupnpd to listen on ${router.name}'s LAN`,
    timeoutMs: 10_000,
    diagnose: () => log
  })
  return {
    forwards: async () => await netnsExec(router.netns, ['nft', 'list', 'chain', 'inet', 'filter', 'prerouting_miniupnpd']),
    logTail: () => log
  }
}
