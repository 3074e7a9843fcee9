/**
 * The DHT inspector, under the Network view: the routing table peer by
 * peer, lookup traces as waterfalls, the keyspace around a key and the
 * provider records with their expiry.
 */
import { KeyspacePanel } from './keyspace-panel.js'
import { LookupsPanel } from './lookups-panel.js'
import { RecordsPanel } from './records-panel.js'
import { RoutingTablePanel } from './routing-table-panel.js'
import './inspector.css'

export function InspectorPanels (): React.JSX.Element {
  return (
    <>
      <RoutingTablePanel />
      <LookupsPanel />
      <KeyspacePanel />
      <RecordsPanel />
    </>
  )
}
