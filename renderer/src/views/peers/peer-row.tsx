/**
 * One connected peer as a table row. Memoised on its PeerView, which the
 * store replaces only when that peer's numbers change. Each cell carries
 * its column's name, which a narrow window shows above the value once the
 * table stacks (the explicit roles keep it a table for assistive tech).
 */
import { memo, useId } from 'react'
import { formatBytes, pathText, shortPeerId, type PeerView } from '../../../../shared/index.js'
import { CopyButton } from '../../components/copy-button.js'

/** A connection's address without its trailing /p2p/<peer id>, which the row's first cell already shows. */
export function addressOnly (addr: string, peerId: string): string {
  const suffix = `/p2p/${peerId}`
  return addr.endsWith(suffix) && addr.length > suffix.length ? addr.slice(0, -suffix.length) : addr
}

export const PeerRow = memo(function PeerRow ({ peer }: { readonly peer: PeerView }): React.JSX.Element {
  const id = useId()
  return (
    <tr role="row">
      <th scope="row" role="rowheader" className="stack-wide">
        <code id={id} title={peer.peerId}>{shortPeerId(peer.peerId)}</code>{' '}
        <CopyButton text={peer.peerId} describedBy={id} />
      </th>
      <td role="cell" className="mono wrap stack-wide" data-label="Address" title={peer.addr}>{addressOnly(peer.addr, peer.peerId)}</td>
      <td role="cell" data-label="Direction">{peer.direction === 'inbound' ? 'Inbound' : 'Outbound'}</td>
      <td role="cell" data-label="Path" title={peer.relay}>{pathText(peer.path, peer.relay)}{peer.limited === true ? ' (limited)' : ''}<span className="muted"> · {peer.transport}</span></td>
      <td role="cell" className="num" data-label="Latency">{peer.latencyMs == null ? '–' : `${Math.round(peer.latencyMs)} ms`}</td>
      <td role="cell" className="num" data-label="Sent">{formatBytes(peer.bytesOut)}</td>
      <td role="cell" className="num" data-label="Received">{formatBytes(peer.bytesIn)}</td>
    </tr>
  )
})
