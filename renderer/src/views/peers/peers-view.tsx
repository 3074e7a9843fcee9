/**
 * The Peers view: every live connection in a table. Past 50 rows only the
 * rows in view are rendered, with spacer rows above and below, so the table
 * keeps its semantics (headers, row counts) while staying fast. In a narrow
 * window the table stacks into one block per peer (styles/app.css), so it
 * never runs off the side.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef } from 'react'
import type { PeerView } from '../../../../shared/index.js'
import { connectionKey, useStore } from '../../store/index.js'
import { PeerRow } from './peer-row.js'

const VIRTUAL_THRESHOLD = 50
const ROW_HEIGHT = 48

export function PeersView (): React.JSX.Element {
  const peers = useStore(s => s.peers)
  const loaded = useStore(s => s.loaded)
  return (
    <div className="view">
      <section className="card" aria-labelledby="peers-title">
        <h2 id="peers-title">Connected peers <span className="muted">({peers.length})</span></h2>
        {peers.length === 0
          ? <p className="empty">{loaded ? 'No peers connected. Peers on your network appear here once found (mDNS, bootstrap peers or a link).' : 'Loading…'}</p>
          : peers.length <= VIRTUAL_THRESHOLD ? <PeerTable peers={peers} /> : <WindowedPeerTable peers={peers} />}
        {peers.length > 0 ? <p className="hint">Sent and Received count the files' bytes exchanged with each peer (chunks), not requests or DHT messages.</p> : null}
      </section>
    </div>
  )
}

function Head (): React.JSX.Element {
  return (
    <thead role="rowgroup">
      <tr role="row">
        <th scope="col" role="columnheader">Peer ID</th>
        <th scope="col" role="columnheader">Address</th>
        <th scope="col" role="columnheader">Direction</th>
        <th scope="col" role="columnheader">Path</th>
        <th scope="col" role="columnheader" className="num">Latency</th>
        <th scope="col" role="columnheader" className="num">Sent</th>
        <th scope="col" role="columnheader" className="num">Received</th>
      </tr>
    </thead>
  )
}

function PeerTable ({ peers }: { readonly peers: readonly PeerView[] }): React.JSX.Element {
  return (
    <div className="table-wrap">
      <table className="table stack-table" role="table">
        <caption className="offscreen">Connected peers</caption>
        <Head />
        <tbody role="rowgroup">{peers.map(p => <PeerRow key={connectionKey(p)} peer={p} />)}</tbody>
      </table>
    </div>
  )
}

function WindowedPeerTable ({ peers }: { readonly peers: readonly PeerView[] }): React.JSX.Element {
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: peers.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: i => connectionKey(peers[i]),
    overscan: 10
  })
  const rows = virtualizer.getVirtualItems()
  const top = rows.length > 0 ? rows[0].start : 0
  const bottom = rows.length > 0 ? virtualizer.getTotalSize() - rows[rows.length - 1].end : 0
  return (
    <div ref={scroller} className="table-wrap virtual-scroller" role="region" aria-label="Connected peers (scrollable)" tabIndex={0}>
      <table className="table stack-table" role="table" aria-rowcount={peers.length + 1}>
        <caption className="offscreen">Connected peers</caption>
        <Head />
        <tbody role="rowgroup">
          {top > 0 ? <tr aria-hidden="true"><td colSpan={7} style={{ height: top, padding: 0 }} /></tr> : null}
          {rows.map(row => <PeerRow key={row.key} peer={peers[row.index]} />)}
          {bottom > 0 ? <tr aria-hidden="true"><td colSpan={7} style={{ height: bottom, padding: 0 }} /></tr> : null}
        </tbody>
      </table>
    </div>
  )
}
