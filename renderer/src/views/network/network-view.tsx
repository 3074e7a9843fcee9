/**
 * The Network view: how this node is reachable, the DHT as it sees it
 * (routing table by k-bucket, provider records it holds, what it
 * announces), and live bandwidth.
 */
import { formatBytes, shortPeerId, type DhtView, type HealthView } from '../../../../shared/index.js'
import { useStore } from '../../store/index.js'
import { BandwidthChart } from './bandwidth-chart.js'
import { BucketChart } from './bucket-chart.js'
import { InspectorPanels } from './inspector/inspector-panels.js'

const REACHABILITY: Record<HealthView['reachability'], string> = {
  unknown: 'Unknown',
  public: 'Public (reachable from the internet)',
  private: 'Private network (LAN)',
  loopback: 'This computer only (loopback)'
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
          {dht.buckets.length === 0 ? <p className="empty">The routing table is empty: no DHT peers yet.</p> : <BucketChart dht={dht} />}
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
        <tr><th scope="row">Reachability</th><td>{REACHABILITY[health.reachability]}</td></tr>
        <tr>
          <th scope="row">Listen addresses</th>
          <td><ul className="plain mono">{health.listenAddrs.map(a => <li key={a} className="wrap">{a}</li>)}</ul></td>
        </tr>
        <tr><th scope="row">DHT mode</th><td>{dht.mode === 'server' ? 'Server (answers queries)' : 'Client (only asks)'}</td></tr>
        <tr><th scope="row">DHT protocol</th><td className="mono">{dht.protocol}</td></tr>
        <tr><th scope="row">Routing table</th><td>{dht.routingTableSize} {dht.routingTableSize === 1 ? 'peer' : 'peers'} (k = {dht.kBucketSize})</td></tr>
        <tr><th scope="row">Traffic</th><td>{formatBytes(health.bytesIn)} received, {formatBytes(health.bytesOut)} sent</td></tr>
      </tbody>
    </table>
  )
}

function Records ({ dht }: { readonly dht: DhtView }): React.JSX.Element {
  return (
    <div className="two-col">
      <section className="card" aria-labelledby="providers-title">
        <h2 id="providers-title">Provider records held <span className="muted">({dht.providerRecords.length})</span></h2>
        {dht.providerRecords.length === 0
          ? <p className="empty">No provider records held for others.</p>
          : (
            <div className="table-wrap">
              <table className="table">
                <thead><tr><th scope="col">Root</th><th scope="col">Provider</th><th scope="col">Received</th></tr></thead>
                <tbody>
                  {dht.providerRecords.slice(0, 200).map(r => (
                    <tr key={`${r.root}/${r.provider}`}>
                      <td className="mono" title={r.root}>{shortRoot(r.root)}</td>
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
        {dht.announced.length === 0
          ? <p className="empty">Nothing announced: share something to announce it.</p>
          : (
            <div className="table-wrap">
              <table className="table">
                <thead><tr><th scope="col">Root</th><th scope="col">Last announced</th></tr></thead>
                <tbody>
                  {dht.announced.map(a => (
                    <tr key={a.root}>
                      <td className="mono" title={a.root}>{shortRoot(a.root)}</td>
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

function shortRoot (root: string): string {
  return root.length <= 20 ? root : `${root.slice(0, 10)}…${root.slice(-6)}`
}
