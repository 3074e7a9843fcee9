/**
 * The Network view: how this node is reachable, the DHT as it sees it
 * (routing table by k-bucket, provider records it holds, what it
 * announces), and live bandwidth. Each part says in a sentence what it
 * shows and why it matters; records and announcements name their share.
 */
import { countOf, formatBytes, reachabilityText, shortPeerId, type DhtView, type HealthView } from '../../../../shared/index.js'
import { useStore } from '../../store/index.js'
import { BandwidthChart } from './bandwidth-chart.js'
import { BucketChart } from './bucket-chart.js'
import { routingTableNote, shareLabel } from './dht-explain.js'
import { InspectorPanels } from './inspector/inspector-panels.js'

const UPNP: Record<HealthView['reach']['upnp'], string> = {
  off: 'Off',
  on: 'Asking the router',
  mapped: 'The router forwards a port'
}

export function NetworkView (): React.JSX.Element {
  const health = useStore(s => s.health)
  const dht = useStore(s => s.dht)
  if (health == null || dht == null) return <div className="view"><p className="empty">Loading…</p></div>
  return (
    <div className="view">
      <section className="card" aria-labelledby="node-title">
        <h2 id="node-title">This node</h2>
        <NodeTable health={health} dht={dht} />
      </section>
      <div className="two-col">
        <section className="card" aria-labelledby="bandwidth-title">
          <h2 id="bandwidth-title">Bandwidth</h2>
          <BandwidthChart />
        </section>
        <section className="card" aria-labelledby="buckets-title">
          <h2 id="buckets-title">Routing table</h2>
          <p className="hint">The DHT is how a bare root finds the peers that share it. This node keeps the DHT peers it knows in k-buckets; the more it knows, the fewer hops a lookup takes.</p>
          {dht.buckets.length === 0 ? <p className="empty">{routingTableNote(dht)}</p> : <BucketChart dht={dht} />}
        </section>
      </div>
      <Records dht={dht} />
      <InspectorPanels />
    </div>
  )
}

function NodeTable ({ health, dht }: { readonly health: HealthView, readonly dht: DhtView }): React.JSX.Element {
  return (
    <table className="table facts-table">
      <caption className="offscreen">This node</caption>
      <tbody>
        <tr><th scope="row">Peer ID</th><td className="mono wrap">{health.peerId}</td></tr>
        <tr><th scope="row">Network</th><td>{health.network}</td></tr>
        <tr><th scope="row">Reachability</th><td>{reachabilityText(health.reach)}</td></tr>
        {health.reach.relays.length > 0
          ? (
            <tr>
              <th scope="row">Relays</th>
              <td><ul className="plain mono">{health.reach.relays.map(r => <li key={r.peerId} className="wrap" title={r.peerId}>{r.addr}</li>)}</ul></td>
            </tr>
            )
          : null}
        <tr><th scope="row">Port forward (UPnP)</th><td>{UPNP[health.reach.upnp]}</td></tr>
        <tr>
          <th scope="row">Relay for others</th>
          <td>{health.reach.relayService.offered ? `Offered (${health.reach.relayService.reservations} ${health.reach.relayService.reservations === 1 ? 'peer' : 'peers'} reserved)` : 'Not offered'}</td>
        </tr>
        <tr><th scope="row">STUN servers</th><td className="mono wrap">{health.reach.stun.join(', ') || 'none'}</td></tr>
        <tr>
          <th scope="row">Listen addresses</th>
          <td><ul className="plain mono">{health.listenAddrs.map(a => <li key={a} className="wrap">{a}</li>)}</ul></td>
        </tr>
        <tr><th scope="row">DHT mode</th><td>{dht.mode === 'server' ? 'Server (answers queries)' : 'Client (only asks)'}</td></tr>
        <tr><th scope="row">DHT protocol</th><td className="mono">{dht.protocol}</td></tr>
        <tr><th scope="row">Routing table</th><td>{countOf(dht.routingTableSize, 'peer')} (k = {dht.kBucketSize})</td></tr>
        <tr>
          <th scope="row">Traffic</th>
          <td>
            File data: {formatBytes(health.bytesIn)} downloaded, {formatBytes(health.bytesOut)} uploaded
            <p className="hint">Counts the files' bytes only, not requests or DHT messages: a node that only shares shows 0 B downloaded while it uploads.</p>
          </td>
        </tr>
      </tbody>
    </table>
  )
}

function Records ({ dht }: { readonly dht: DhtView }): React.JSX.Element {
  return (
    <div className="two-col">
      <section className="card" aria-labelledby="providers-title">
        <h2 id="providers-title">Provider records held <span className="muted">({dht.providerRecords.length})</span></h2>
        <p className="hint">The DHT's index, which this node keeps a part of for everyone: which peer serves which share.</p>
        {dht.providerRecords.length === 0
          ? <p className="empty">No provider records held for others.</p>
          : (
            <div className="table-wrap">
              <table className="table">
                <thead><tr><th scope="col">Share</th><th scope="col">Provider</th><th scope="col">Received</th></tr></thead>
                <tbody>
                  {dht.providerRecords.slice(0, 200).map(r => (
                    <tr key={`${r.root}/${r.provider}`}>
                      <ShareCell root={r.root} name={r.name} />
                      <td className="mono" title={r.provider}>{shortPeerId(r.provider)}</td>
                      <td>{r.receivedAt != null ? new Date(r.receivedAt).toLocaleTimeString() : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            )}
      </section>
      <section className="card" aria-labelledby="announced-title">
        <h2 id="announced-title">Announcements <span className="muted">({dht.announced.length})</span></h2>
        <p className="hint">What this node tells the DHT it serves, again every few minutes, so that a peer with only a share's root can find it.</p>
        {dht.announced.length === 0
          ? <p className="empty">Nothing announced: share something to announce it.</p>
          : (
            <div className="table-wrap">
              <table className="table">
                <thead><tr><th scope="col">Share</th><th scope="col">Last announced</th></tr></thead>
                <tbody>
                  {dht.announced.map(a => (
                    <tr key={a.root}>
                      <ShareCell root={a.root} name={a.name} />
                      <td>
                        {a.lastAnnouncedAt != null ? new Date(a.lastAnnouncedAt).toLocaleTimeString() : 'Not yet'}
                        {a.lastError != null ? <span className="error-text"> — {a.lastError}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            )}
      </section>
    </div>
  )
}

/** A share by name (when known) with its short root under it; the full root in a title. */
function ShareCell ({ root, name }: { readonly root: string, readonly name: string | undefined }): React.JSX.Element {
  const label = shareLabel(root, name)
  return (
    <td title={root}>
      <span className="wrap">{label.title}</span>
      <br /><span className="mono muted">{label.detail}</span>
    </td>
  )
}
