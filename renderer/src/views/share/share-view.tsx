/**
 * The Share view: add a share, and the list of everything this instance
 * serves, newest first.
 */
import { ShareRow } from './share-row.js'
import { ShareAdder, type DropRequest } from './share-adder.js'
import { ShareJobs } from './share-jobs.js'
import { VirtualList } from '../../components/virtual-list.js'
import { useStore } from '../../store/index.js'

export type { DropRequest }

export function ShareView ({ dropRequest }: { readonly dropRequest: DropRequest | null }): React.JSX.Element {
  const shares = useStore(s => s.shares)
  const loaded = useStore(s => s.loaded)
  return (
    <div className="view">
      <ShareAdder dropRequest={dropRequest} />
      <ShareJobs />
      <section className="card" aria-labelledby="shares-title">
        <h2 id="shares-title">Shared by you <span className="muted">({shares.length})</span></h2>
        {shares.length === 0
          ? <p className="empty">{loaded ? 'Nothing shared yet.' : 'Loading…'}</p>
          : <VirtualList items={shares} getKey={s => s.root} label="Shares" estimateSize={190} renderItem={share => <ShareRow share={share} />} />}
      </section>
    </div>
  )
}
