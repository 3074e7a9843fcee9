/**
 * One connected peer as a table row. Memoised on its PeerView, which the
 * store replaces only when that peer's numbers change.
 */
import { memo, useId } from 'react'
import { formatBytes, pathText, shortPeerId, type PeerView } from '../../../../shared/index.js'
import { CopyButton } from '../../components/copy-button.js'

export const PeerRow = memo(function PeerRow ({ peer }: { readonly peer: PeerView }): React.JSX.Element {
  const id = useId()
  return (
    <tr>
      <th scope="row">
        <code id={id} title={peer.peerId}>{shortPeerId(peer.peerId)}</code>{' '}
        <CopyButton text={peer.peerId} describedBy={id} />
      </th>
      <td className="mono wrap">{peer.addr}</td>
      <td>{peer.direction === 'inbound' ? 'Inbound' : 'Outbound'}</td>
      <td title={peer.relay}>{pathText(peer.path, peer.relay)}{peer.limited === true ? ' (limited)' : ''}<span className="muted"> · {peer.transport}</span></td>
      <td className="num">{peer.latencyMs == null ? '–' : `${Math.round(peer.latencyMs)} ms`}</td>
      <td className="num">{formatBytes(peer.bytesOut)}</td>
      <td className="num">{formatBytes(peer.bytesIn)}</td>
    </tr>
  )
})
