/**
 * The Transfers view: look up a link and start a download, then every
 * download, newest first.
 */
import { VirtualList } from '../../components/virtual-list.js'
import { useStore } from '../../store/index.js'
import { LookupForm, type LinkRequest } from './lookup-form.js'
import { TransferRow } from './transfer-row.js'

export type { LinkRequest }

export function TransfersView ({ linkRequest }: { readonly linkRequest: LinkRequest | null }): React.JSX.Element {
  const transfers = useStore(s => s.transfers)
  const loaded = useStore(s => s.loaded)
  return (
    <div className="view">
      <LookupForm linkRequest={linkRequest} />
      <section className="card" aria-labelledby="transfers-title">
        <h2 id="transfers-title">Downloads <span className="muted">({transfers.length})</span></h2>
        {transfers.length === 0
          ? <p className="empty">{loaded ? 'No downloads yet. Paste a link above.' : 'Loading…'}</p>
          : <VirtualList items={transfers} getKey={t => t.id} label="Downloads" estimateSize={200} renderItem={t => <TransferRow transfer={t} />} />}
      </section>
    </div>
  )
}
