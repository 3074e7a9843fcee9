/**
 * The DHT inspector's face: the lookup log and the routing-table watch the
 * engine keeps while it runs, and the views and diagnosis built from them.
 */
export { LookupLog } from './lookup-log.js'
export { RoutingWatch } from './routing-watch.js'
export { routingTableView } from './routing-view.js'
export { keyspaceView } from './keyspace.js'
export { providerRecordDetails } from './provider-records.js'
export { diagnose } from './doctor.js'
